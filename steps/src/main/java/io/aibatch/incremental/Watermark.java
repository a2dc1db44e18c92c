package io.aibatch.incremental;

import io.aibatch.item.WorkItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How far a (job, source) has been processed by completed incremental runs. It promises two things:
 * <ol>
 *   <li>every item version last modified before {@code since} has been processed, and</li>
 *   <li>every version in {@code boundary} (name and etag, each with its last-modified time, all at or after
 *   {@code since}) has been processed.</li>
 * </ol>
 * The next run therefore lists items modified at or after {@code since} and skips the versions in the boundary.
 * Comparing versions rather than times is what makes the boundary exact: a blob modified in the same second as
 * the watermark, or re-uploaded with the same Last-Modified but a new etag, is neither missed nor processed twice.
 * <p>
 * {@code since} is the source's own clock when the listing started, minus an overlap, never the newest
 * Last-Modified seen: a blob committed while a long listing was running may carry an earlier time than blobs
 * listed before it (the listing is in name order), and would fall behind a watermark taken from the listing.
 *
 * @param since     versions modified before this were all processed
 * @param listedAt  the source's clock when the listing of the run that set this watermark started
 * @param boundary  the processed versions modified at or after {@code since}
 * @param runId     the run that set (last merged into) this watermark
 * @param filter    the listing filter of that run, as a description (a different filter is reported)
 */
public record Watermark(Instant since, Instant listedAt, List<Version> boundary, String runId, String filter) {

    public Watermark {
        Objects.requireNonNull(since, "since");
        boundary = List.copyOf(boundary);
    }

    /**
     * One processed version of an item.
     *
     * @param name         the item's name below the source
     * @param version      the etag, or for stores without etags the last-modified time and size (see {@link #of})
     * @param lastModified when that version was last modified
     */
    public record Version(String name, String version, Instant lastModified) {

        public static Version of(WorkItem item) {
            return new Version(item.name(), versionOf(item), item.lastModified());
        }

        /** The etag; local files have none, so their modification time and size stand for the version. */
        public static String versionOf(WorkItem item) {
            if (item.etag() != null) {
                return item.etag();
            }
            return "mtime:"
                    + (item.lastModified() == null ? "-" : item.lastModified().toString()) + ";size:" + item.size();
        }

        String key() {
            return name + '\n' + version;
        }
    }

    /**
     * Combines two watermarks that were each true on their own (two runs of the same job and source that completed
     * in either order): the later {@code since} holds, and every version either boundary names was processed.
     */
    public Watermark mergedWith(Watermark other) {
        if (other == null) {
            return this;
        }
        Instant mergedSince = since.isAfter(other.since) ? since : other.since;
        Instant mergedListedAt = max(listedAt, other.listedAt);
        return new Watermark(
                mergedSince, mergedListedAt, boundaryFrom(mergedSince, boundary, other.boundary), runId, filter);
    }

    /** The versions of {@code lists} modified at or after {@code since}, each once, oldest first. */
    static List<Version> boundaryFrom(Instant since, List<Version> first, List<Version> second) {
        Map<String, Version> versions = new LinkedHashMap<>();
        for (List<Version> list : List.of(first, second)) {
            for (Version version : list) {
                if (version.lastModified() != null && !version.lastModified().isBefore(since)) {
                    versions.putIfAbsent(version.key(), version);
                }
            }
        }
        List<Version> sorted = new ArrayList<>(versions.values());
        sorted.sort(Comparator.comparing(Version::lastModified)
                .thenComparing(Version::name)
                .thenComparing(Version::version));
        return sorted;
    }

    private static Instant max(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
