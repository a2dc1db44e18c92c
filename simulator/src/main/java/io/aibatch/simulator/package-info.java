/** The spec-faithful simulator of the backends (Jetty) used by tests, benchmarks and local runs. */
@NullMarked
package io.aibatch.simulator;

import org.jspecify.annotations.NullMarked;
