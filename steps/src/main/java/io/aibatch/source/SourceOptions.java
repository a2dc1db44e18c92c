package io.aibatch.source;

/**
 * How a source lists and reads.
 *
 * @param filter        which items to take
 * @param changedPolicy what to do with an item that changed after planning
 * @param pageSize      items per listing request (Blob Storage allows 1-5000)
 */
public record SourceOptions(SourceFilter filter, ChangedItemPolicy changedPolicy, int pageSize) {

    public static final int DEFAULT_PAGE_SIZE = 5000;

    public SourceOptions {
        filter = filter == null ? SourceFilter.none() : filter;
        changedPolicy = changedPolicy == null ? ChangedItemPolicy.PROCESS_CURRENT : changedPolicy;
        if (pageSize < 1 || pageSize > 5000) {
            throw new IllegalArgumentException("the listing page size must be between 1 and 5000 but was " + pageSize);
        }
    }

    public static SourceOptions defaults() {
        return new SourceOptions(SourceFilter.none(), ChangedItemPolicy.PROCESS_CURRENT, DEFAULT_PAGE_SIZE);
    }
}
