/** The aibatch command line (picocli): run, restart, status, worker, k8s, compare and reprocess. */
@NullMarked
package io.aibatch.cli;

import org.jspecify.annotations.NullMarked;
