package io.aibatch.source;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What to do with an item whose content changed (a different etag) between planning and processing.
 */
public enum ChangedItemPolicy {

    /**
     * Process the version that is there now and record its etag in the result. The default: a batch run exists to
     * extract what the store holds, a re-uploaded document is usually a correction, and results are keyed by the
     * source, so a later run replaces rather than duplicates.
     */
    PROCESS_CURRENT,

    /**
     * Read only the planned version (a conditional read, {@code If-Match: <planned etag>}); anything else is
     * dead-lettered with code {@code changed}. For runs that must reproduce exactly the snapshot that was planned
     * (audits, evaluations).
     */
    DEAD_LETTER;

    /** Parses the configuration spelling, e.g. {@code process-current}. */
    public static ChangedItemPolicy parse(String value) {
        String normalized = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return valueOf(normalized);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown changed-blob policy '" + value + "'; use one of "
                    + Arrays.stream(values()).map(ChangedItemPolicy::spelling).collect(Collectors.joining(", ")));
        }
    }

    public String spelling() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
