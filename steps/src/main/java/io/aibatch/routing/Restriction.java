package io.aibatch.routing;

import io.aibatch.engine.Sensitivity;
import java.util.List;

/**
 * Whether a document may leave the cluster, and why not.
 *
 * @param reasons e.g. {@code ["label:medical-referral", "tfn", "medicare"]}; empty when not restricted
 */
public record Restriction(boolean restricted, List<String> reasons) {

    public Restriction {
        reasons = List.copyOf(reasons);
        if (restricted == reasons.isEmpty()) {
            throw new IllegalArgumentException("a restriction has reasons exactly when it restricts: " + reasons);
        }
    }

    public Sensitivity sensitivity() {
        return restricted ? Sensitivity.RESTRICTED : Sensitivity.UNRESTRICTED;
    }
}
