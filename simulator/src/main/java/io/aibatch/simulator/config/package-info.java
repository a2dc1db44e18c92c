/** Simulator configuration: backends, fault rates and ground truth, loaded from YAML. */
@NullMarked
package io.aibatch.simulator.config;

import org.jspecify.annotations.NullMarked;
