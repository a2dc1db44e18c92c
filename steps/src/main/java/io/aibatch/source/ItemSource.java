package io.aibatch.source;

import io.aibatch.item.WorkItem;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Where items come from. Listing streams every item to the consumer (never the whole listing in
 * memory); opening reads one item's content.
 */
public interface ItemSource extends java.io.Closeable {

    /** A description for logs and reports, e.g. the directory or container URL. Never contains secrets. */
    String describe();

    /** Streams every selected item, in a stable order, to {@code sink}. */
    void list(Consumer<WorkItem> sink) throws IOException;

    /**
     * Opens the content of an item planned earlier.
     *
     * @throws ItemUnavailableException when the item no longer exists or changed in a way the
     *                                  configured policy does not accept
     */
    InputStream open(WorkItem item) throws IOException;

    /**
     * What the last {@link #list} passed over without listing it, by reason (e.g. {@code symlink-outside-input},
     * {@code special-file}); reported in report.json. Empty for sources that skip nothing.
     */
    default java.util.Map<String, Long> skipped() {
        return java.util.Map.of();
    }

    /**
     * Opens an item's content from byte {@code offset} on (the first line of a slice in the middle of a file). Stores
     * that read ranges override it (Blob Storage); the default opens the item and skips to the offset.
     *
     * @throws java.io.EOFException     when the item is shorter than {@code offset}
     * @throws ItemUnavailableException as {@link #open}
     */
    default InputStream open(WorkItem item, long offset) throws IOException {
        InputStream in = open(item);
        try {
            in.skipNBytes(offset);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        return in;
    }

    /**
     * Opens an item and says which version is being read. Stores with versions (Blob Storage) override this; the
     * default reads with {@link #open} and reports the planned etag.
     *
     * @throws ItemUnavailableException as {@link #open}
     */
    default ItemContent openContent(WorkItem item) throws IOException {
        return new ItemContent(open(item), item.etag());
    }

    /**
     * The current time on the clock that stamps this source's {@link WorkItem#lastModified()} times. Incremental
     * runs take it just before listing, so that their watermark does not depend on the clock of the machine that
     * runs them. The default is this machine's clock (right for local files); Blob Storage asks the service.
     */
    default Instant currentTime() throws IOException {
        return Instant.now();
    }

    /** Releases what reading items keeps open between reads (a file a slice reads line by line); none by default. */
    @Override
    default void close() throws IOException {}
}
