package io.aibatch.engine.llm;

import java.time.Duration;

/**
 * @param text         the first choice's content
 * @param tokensIn     prompt tokens as the backend counted them
 * @param tokensOut    completion tokens as the backend counted them
 * @param latency      from sending the request to having the parsed reply
 * @param finishReason e.g. {@code stop}, or {@code length} when max tokens cut the answer
 */
public record ChatReply(String text, long tokensIn, long tokensOut, Duration latency, String finishReason) {}
