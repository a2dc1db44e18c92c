package io.aibatch.resilience;

/** How one attempt against a backend ended. */
public enum CallOutcome {
    SUCCESS,
    /** 429 / 503 with Retry-After. */
    THROTTLED,
    /** No reply within the call timeout. */
    TIMEOUT,
    /** 5xx, dropped connection, malformed reply. */
    TRANSIENT,
    /** The backend refused this item (4xx); not retried. */
    PERMANENT
}
