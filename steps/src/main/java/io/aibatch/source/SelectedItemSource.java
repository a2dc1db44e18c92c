package io.aibatch.source;

import io.aibatch.item.WorkItem;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source whose listing passes only the items an {@link ItemSelection} selects; reading is the underlying source's.
 * Planning over it writes a manifest of the selected items only, so partitions, restarts and exactly-once output
 * work for an incremental or reprocessing run exactly as for any other run.
 */
public final class SelectedItemSource implements ItemSource {

    private static final Logger log = LoggerFactory.getLogger(SelectedItemSource.class);

    private final ItemSource source;
    private final ItemSelection selection;
    private final Supplier<String> selectionDescription;

    /**
     * @param selectionDescription what the selection took, for the log line after listing (asked once the listing is done)
     */
    public SelectedItemSource(ItemSource source, ItemSelection selection, Supplier<String> selectionDescription) {
        this.source = source;
        this.selection = selection;
        this.selectionDescription = selectionDescription;
    }

    @Override
    public String describe() {
        return source.describe();
    }

    @Override
    public void list(Consumer<WorkItem> sink) throws IOException {
        long[] counts = new long[2];
        source.list(item -> {
            counts[0]++;
            if (selection.selects(item)) {
                counts[1]++;
                sink.accept(item);
            }
        });
        log.info(
                "selected {} of {} listed items of {} ({})",
                counts[1],
                counts[0],
                describe(),
                selectionDescription.get());
    }

    @Override
    public InputStream open(WorkItem item) throws IOException {
        return source.open(item);
    }

    @Override
    public InputStream open(WorkItem item, long offset) throws IOException {
        return source.open(item, offset);
    }

    @Override
    public java.util.Map<String, Long> skipped() {
        return source.skipped();
    }

    @Override
    public ItemContent openContent(WorkItem item) throws IOException {
        return source.openContent(item);
    }

    @Override
    public Instant currentTime() throws IOException {
        return source.currentTime();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
