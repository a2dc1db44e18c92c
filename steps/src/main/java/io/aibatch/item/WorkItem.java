package io.aibatch.item;

import java.time.Instant;
import java.util.Objects;

/**
 * One unit of work as listed by a source: a document or an audio file.
 *
 * @param id           stable identifier derived from {@code source} (see {@link ItemIds})
 * @param source       the input path or URI, as a person would recognise it
 * @param name         the item's path relative to the source root (used for display and filters)
 * @param size         size in bytes at listing time
 * @param lastModified last-modified time at listing time
 * @param etag         the store's version tag at listing time, or null when the store has none
 */
public record WorkItem(String id, String source, String name, long size, Instant lastModified, String etag) {

    public WorkItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0 for " + source + " but was " + size);
        }
    }

    public static WorkItem of(String source, String name, long size, Instant lastModified, String etag) {
        return new WorkItem(ItemIds.fromSource(source), source, name, size, lastModified, etag);
    }

    /** Lower-cased file extension without the dot, or "" when the name has none. */
    public String extension() {
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        return dot > slash + 1 ? name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT) : "";
    }
}
