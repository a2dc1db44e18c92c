package io.aibatch.incremental;

import io.aibatch.item.WorkItem;
import io.aibatch.source.ItemSelection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Selects, while a source is listed, the item versions that the previous {@link Watermark} does not cover: modified
 * at or after its {@code since} and not among its boundary versions. Without a previous watermark everything is
 * selected (the first run of a schedule processes the backlog). At the same time it collects what the next
 * watermark needs, which {@link #next} returns once the listing is done.
 * <p>
 * Memory: the previous boundary plus the versions modified within the overlap before the listing started (and
 * during it), not the listing.
 */
public final class IncrementalSelection implements ItemSelection {

    private final Watermark previous;
    private final Set<String> processedAtBoundary = new HashSet<>();
    private final Instant listedAt;
    private final Instant nextSince;
    private final List<Watermark.Version> listedAtBoundary = new ArrayList<>();
    private long selected;
    private long older;
    private long alreadyProcessed;

    /**
     * @param previous the watermark of the last completed incremental run, or null for the first run
     * @param listedAt the source's clock just before the listing starts ({@code ItemSource.currentTime()})
     * @param overlap  how far before {@code listedAt} the next run looks again: covers the difference between the
     *                 clock that answered {@code listedAt} and the one that stamps Last-Modified
     */
    public IncrementalSelection(Watermark previous, Instant listedAt, Duration overlap) {
        if (overlap.isNegative()) {
            throw new IllegalArgumentException("the incremental overlap must not be negative but was " + overlap);
        }
        this.previous = previous;
        this.listedAt = listedAt;
        Instant since = listedAt.minus(overlap);
        // never move backwards: what the previous watermark promises stays promised
        this.nextSince = previous != null && previous.since().isAfter(since) ? previous.since() : since;
        if (previous != null) {
            previous.boundary().forEach(version -> processedAtBoundary.add(version.key()));
        }
    }

    @Override
    public boolean selects(WorkItem item) {
        Instant modified = item.lastModified();
        if (modified != null && !modified.isBefore(nextSince)) {
            // processed by now or by this run: the listing shows each item's current version, so versions that were
            // replaced or deleted since the previous watermark drop out of the boundary here
            listedAtBoundary.add(Watermark.Version.of(item));
        }
        if (previous != null && modified != null) {
            if (modified.isBefore(previous.since())) {
                older++;
                return false;
            }
            if (processedAtBoundary.contains(
                    new Watermark.Version(item.name(), Watermark.Version.versionOf(item), modified).key())) {
                alreadyProcessed++;
                return false;
            }
        }
        selected++;
        return true;
    }

    /** The watermark to store once the run that planned these items completes. */
    public Watermark next(String runId, String filter) {
        return new Watermark(
                nextSince, listedAt, Watermark.boundaryFrom(nextSince, listedAtBoundary, List.of()), runId, filter);
    }

    /** For the log: what the listing was split into. */
    public String describe() {
        if (previous == null) {
            return "incremental, no earlier watermark: every item";
        }
        return "incremental since " + previous.since() + " (run " + previous.runId() + "): " + selected
                + " new or changed, " + alreadyProcessed + " already processed at the boundary, " + older + " older";
    }

    public long selected() {
        return selected;
    }

    public long alreadyProcessed() {
        return alreadyProcessed;
    }

    public long older() {
        return older;
    }
}
