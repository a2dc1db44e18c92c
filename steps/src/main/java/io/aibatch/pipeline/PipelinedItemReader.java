package io.aibatch.pipeline;

import io.aibatch.item.WorkItem;
import io.aibatch.plan.ManifestReadAhead;
import io.aibatch.plan.ManifestReader;
import io.aibatch.plan.Slice;
import io.aibatch.store.OutputStore;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;

/**
 * Reads a slice of the manifest and keeps up to {@code window} of its items in flight through the
 * {@link ItemHandler}, handing back finished outcomes in manifest order.
 * <p>
 * Because items are started here, ahead of the chunk being assembled, the backends stay busy
 * while the previous chunk is written and committed: a chunk boundary never drains the pipeline.
 * The manifest itself is parsed ahead on a thread of its own ({@link ManifestReadAhead}), off the
 * step's thread, which also commits the checkpoints.
 * The saved state is the standard {@code read.count} of the outcomes handed to the step; it is
 * committed together with the chunk that wrote them, so after a crash exactly the items whose
 * results were not committed are started again.
 */
public class PipelinedItemReader extends AbstractItemCountingItemStreamItemReader<ItemOutcome> {

    private final OutputStore manifestStore;
    private final String manifestPath;
    private final Slice slice;
    private final ItemHandler handler;
    private final int window;
    private final Deque<CompletableFuture<ItemOutcome>> inFlight = new ArrayDeque<>();
    private ManifestReadAhead manifest;
    private long notYetStarted;

    public PipelinedItemReader(OutputStore manifestStore, String manifestPath, Slice slice, ItemHandler handler, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("the in-flight window must be at least 1 but was " + window);
        }
        this.manifestStore = manifestStore;
        this.manifestPath = manifestPath;
        this.slice = slice;
        this.handler = handler;
        this.window = window;
        setName("pipeline");
    }

    @Override
    protected void doOpen() throws Exception {
        manifest = new ManifestReadAhead(new ManifestReader(manifestStore.open(manifestPath, slice.startByte()), slice.startByte()),
                slice.items(), slice.name());
        notYetStarted = slice.items();
    }

    /** On restart: skip the manifest lines whose results were already committed, without handling them. */
    @Override
    protected void jumpToItem(int itemIndex) throws Exception {
        for (int i = 0; i < itemIndex && notYetStarted > 0; i++) {
            nextItem();
        }
    }

    @Override
    protected ItemOutcome doRead() throws Exception {
        while (inFlight.size() < window && notYetStarted > 0) {
            inFlight.addLast(handler.handle(nextItem()));
        }
        CompletableFuture<ItemOutcome> next = inFlight.pollFirst();
        return next == null ? null : next.join();
    }

    private WorkItem nextItem() throws Exception {
        WorkItem item = manifest.next();
        if (item == null) {
            throw new IllegalStateException("the manifest " + manifestPath + " ended before " + slice.name()
                    + " did: expected " + slice.items() + " items from line " + slice.firstLine());
        }
        notYetStarted--;
        return item;
    }

    @Override
    protected void doClose() throws Exception {
        // items still in flight were never handed out, so they are not in any checkpoint:
        // a restart starts them again
        inFlight.forEach(future -> future.cancel(true));
        inFlight.clear();
        if (manifest != null) {
            manifest.close();
            manifest = null;
        }
    }
}
