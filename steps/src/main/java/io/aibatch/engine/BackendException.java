package io.aibatch.engine;

import java.time.Duration;

/**
 * A backend call failed. Clients classify every failure into one of three kinds so that the
 * resilience layer can decide without knowing the protocol: retry later ({@link Kind#THROTTLED},
 * honouring {@link #retryAfter()}), retry ({@link Kind#TRANSIENT}), or give up on this item
 * ({@link Kind#PERMANENT}). Messages must never contain credentials.
 */
public class BackendException extends RuntimeException {

    public enum Kind { THROTTLED, TRANSIENT, PERMANENT }

    private final String backend;
    private final Kind kind;
    private final int status;
    private final Duration retryAfter;

    public BackendException(String backend, Kind kind, int status, Duration retryAfter, String message, Throwable cause) {
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

    public String backend() {
        return backend;
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return kind != Kind.PERMANENT;
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
