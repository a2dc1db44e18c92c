/** Ground truth of the simulated documents: document inspection, synthetic text and token counts. */
@NullMarked
package io.aibatch.simulator.content;

import org.jspecify.annotations.NullMarked;
