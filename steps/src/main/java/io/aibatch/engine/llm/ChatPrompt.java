package io.aibatch.engine.llm;

import io.aibatch.engine.Sensitivity;

/**
 * One chat completion request about one item.
 *
 * @param itemSource  the item the content comes from: for messages and the locality guard, never sent
 * @param sensitivity what is known about the content; CLOUD engines refuse anything but UNRESTRICTED
 * @param system      the instruction
 * @param user        the content (document text)
 * @param maxTokens   completion limit
 * @param responseSchema the JSON Schema the reply must follow (structured output), or null for free text
 */
public record ChatPrompt(
        String itemSource,
        Sensitivity sensitivity,
        String system,
        String user,
        int maxTokens,
        ResponseSchema responseSchema) {

    /** A prompt for a free-text reply. */
    public ChatPrompt(String itemSource, Sensitivity sensitivity, String system, String user, int maxTokens) {
        this(itemSource, sensitivity, system, user, maxTokens, null);
    }
}
