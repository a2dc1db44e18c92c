/** Chat (LLM) engines: the OpenAI-compatible and Azure OpenAI clients and the mapping of their failures. */
@NullMarked
package io.aibatch.engine.llm;

import org.jspecify.annotations.NullMarked;
