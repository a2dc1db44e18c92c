package io.aibatch.engine.llm.batch;

import java.util.Locale;

/** A batch's status. Read case-insensitively: one docs example sends "Validating". */
public enum BatchState {
    VALIDATING,
    FAILED,
    IN_PROGRESS,
    FINALIZING,
    COMPLETED,
    EXPIRED,
    CANCELLING,
    CANCELLED,
    /** A status this client does not know (the enum is open): treated as still running. */
    UNKNOWN;

    public static BatchState parse(String status) {
        try {
            return valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    /** No further change will happen; enqueued tokens are released. */
    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == EXPIRED || this == CANCELLED;
    }
}
