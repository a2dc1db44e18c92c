package io.aibatch.engine;

import java.time.Duration;

/**
 * A backend call failed. Clients classify every failure into one of three kinds so that the
 * resilience layer can decide without knowing the protocol: retry later ({@link Kind#THROTTLED},
 * honouring {@link #retryAfter()}), retry ({@link Kind#TRANSIENT}), give up on this item
 * ({@link Kind#PERMANENT}), or stop the run because its configuration cannot work ({@link Kind#FATAL}:
 * every item would fail the same way). The kinds are decided by {@link io.aibatch.resilience.FailurePolicy}.
 * Messages must never contain credentials.
 */
public class BackendException extends RuntimeException {

    public enum Kind {
        THROTTLED,
        TRANSIENT,
        PERMANENT,
        FATAL
    }

    private final String backend;
    private final Kind kind;
    private final int status;
    private final Duration retryAfter;

    public BackendException(
            String backend, Kind kind, int status, Duration retryAfter, String message, Throwable cause) {
        // backend messages quote error bodies and SDK text, which may echo a key or token back
        super(backend + ": " + SecretScrubber.scrub(message), cause);
        this.backend = backend;
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** 429, or 503 with Retry-After: the backend is saturated. */
    public static BackendException throttled(String backend, int status, Duration retryAfter, String message) {
        return new BackendException(backend, Kind.THROTTLED, status, retryAfter, message, null);
    }

    /** 5xx, connection reset, timeout, malformed reply: may succeed when tried again. */
    public static BackendException transientFailure(String backend, int status, String message, Throwable cause) {
        return new BackendException(backend, Kind.TRANSIENT, status, null, message, cause);
    }

    /** 4xx other than 408/429: the request itself is wrong for this item; trying again cannot help. */
    public static BackendException permanent(String backend, int status, String message) {
        return new BackendException(backend, Kind.PERMANENT, status, null, message, null);
    }

    /** 401/403, an unknown model or deployment, a credential or TLS error: the run's configuration is wrong. */
    public static BackendException fatal(String backend, int status, String message, Throwable cause) {
        return new BackendException(backend, Kind.FATAL, status, null, message, cause);
    }

    public String backend() {
        return backend;
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return kind == Kind.THROTTLED || kind == Kind.TRANSIENT;
    }

    /** HTTP status, or 0 when there was no response. */
    public int status() {
        return status;
    }

    /** What the backend asked for (Retry-After / retry-after-ms), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
