/** The simulated OpenAI-compatible chat and embeddings endpoints. */
@NullMarked
package io.aibatch.simulator.llm;

import org.jspecify.annotations.NullMarked;
