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
 */
public record ChatPrompt(String itemSource, Sensitivity sensitivity, String system, String user, int maxTokens) {
}
