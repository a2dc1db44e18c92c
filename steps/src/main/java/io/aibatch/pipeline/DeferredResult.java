package io.aibatch.pipeline;

import io.aibatch.engine.llm.ChatPrompt;

/**
 * The result of an item whose last field waits for a cloud batch ({@code --cloud-llm-mode batch}): everything else is
 * done. The slice does not write it to the results; it records it as pending and moves on, and the run's
 * {@code collect} step puts the batch's reply into {@code field} and writes the result then.
 *
 * @param partial the result as it will be written, {@code field} still empty
 * @param field   the field of {@code partial} the reply's text goes into (e.g. {@code summary})
 * @param prompt  the request the batch sends for it; its sensitivity passed the locality guard already
 */
public record DeferredResult(Object partial, String field, ChatPrompt prompt) {}
