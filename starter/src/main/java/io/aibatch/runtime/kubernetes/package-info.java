/** Runs on Kubernetes: the partition handler that runs slices as an Indexed Job and the manager Job. */
@NullMarked
package io.aibatch.runtime.kubernetes;

import org.jspecify.annotations.NullMarked;
