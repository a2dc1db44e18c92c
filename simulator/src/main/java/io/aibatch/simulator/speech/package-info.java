/** The simulated speech-to-text endpoints. */
@NullMarked
package io.aibatch.simulator.speech;

import org.jspecify.annotations.NullMarked;
