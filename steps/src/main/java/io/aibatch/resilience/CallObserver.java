package io.aibatch.resilience;

/**
 * Told about every attempt, so that statistics (latency histograms, throttling counts) are kept
 * per slice and survive restarts with it. Called from backend threads: implementations must be thread-safe.
 */
public interface CallObserver {

    CallObserver NONE = (backend, latencyNanos, outcome, attempt) -> {};

    /**
     * @param attempt 1 for the first try of an item, 2 for its first retry, ...
     */
    void onAttempt(String backend, long latencyNanos, CallOutcome outcome, int attempt);
}
