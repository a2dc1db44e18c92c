package io.aibatch.resilience;

import io.aibatch.engine.BackendException;

/** An item's calls to a backend failed permanently or used up their attempts: the item goes to the dead-letter output. */
public class CallsExhaustedException extends RuntimeException {

    private final int attempts;
    private final BackendException lastFailure;

    public CallsExhaustedException(int attempts, BackendException lastFailure) {
        super(describe(attempts, lastFailure), lastFailure);
        this.attempts = attempts;
        this.lastFailure = lastFailure;
    }

    public int attempts() {
        return attempts;
    }

    public BackendException lastFailure() {
        return lastFailure;
    }

    /** Dead-letter code: {@code backend-rejected} (4xx) or {@code backend-failed} (retries used up). */
    public String code() {
        return lastFailure.kind() == BackendException.Kind.PERMANENT ? "backend-rejected" : "backend-failed";
    }

    private static String describe(int attempts, BackendException failure) {
        String prefix = failure.kind() == BackendException.Kind.PERMANENT
                ? "the backend rejected the item"
                : "the backend kept failing (" + failure.kind().name().toLowerCase(java.util.Locale.ROOT) + ")";
        return prefix + " after " + attempts + (attempts == 1 ? " attempt" : " attempts") + ": " + failure.getMessage();
    }
}
