/** HTTP plumbing of the simulator: Jetty handlers, API-key gate, admin endpoints and request parsing. */
@NullMarked
package io.aibatch.simulator.http;

import org.jspecify.annotations.NullMarked;
