/** How a simulated backend behaves: capacity and service-time models, fault injection and request statistics. */
@NullMarked
package io.aibatch.simulator.engine;

import org.jspecify.annotations.NullMarked;
