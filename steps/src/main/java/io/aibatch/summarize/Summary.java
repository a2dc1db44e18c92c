package io.aibatch.summarize;

/**
 * @param text      the summary
 * @param engine    the engine that wrote it
 * @param tokensIn  prompt tokens (0 for the embedded summariser)
 * @param tokensOut completion tokens
 */
public record Summary(String text, String engine, long tokensIn, long tokensOut) {}
