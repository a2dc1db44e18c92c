package io.aibatch.plan;

import io.aibatch.item.WorkItem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads up to a given number of manifest lines on a thread of its own, a block at a time, so that parsing the
 * manifest (and, for a manifest in Blob Storage, waiting for its next range) overlaps the step's processing and
 * checkpoint commits instead of adding to them.
 * <p>
 * Only a few blocks are buffered, so memory stays bounded however long the slice is. Closing stops the thread;
 * it closes the underlying reader itself, because a stream must not be closed under a read in progress.
 */
public final class ManifestReadAhead implements AutoCloseable {

    static final int BLOCK_SIZE = 256;
    private static final int BLOCKS_AHEAD = 4;

    /** What the reading thread hands over: a block of items, or how reading ended. */
    private sealed interface Block permits Items, Ended, Failed {}

    private record Items(List<WorkItem> items) implements Block {}

    private record Ended() implements Block {}

    private record Failed(Exception cause) implements Block {}

    private final BlockingQueue<Block> blocks = new ArrayBlockingQueue<>(BLOCKS_AHEAD);
    private final Thread thread;
    private Iterator<WorkItem> current = Collections.emptyIterator();
    private boolean ended;

    /**
     * @param manifest the reader, positioned at the first line to hand out; owned by this object from now on
     * @param limit    how many lines to read at most
     * @param name     names the reading thread, e.g. after the slice
     */
    public ManifestReadAhead(ManifestReader manifest, long limit, String name) {
        this.thread = new Thread(() -> readAhead(manifest, limit), "manifest-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The next item, or null when {@code limit} items were handed out or the manifest ended before that. */
    public WorkItem next() throws IOException, InterruptedException {
        while (!current.hasNext()) {
            if (ended) {
                return null;
            }
            Block block = blocks.take();
            if (block instanceof Items items) {
                current = items.items().iterator();
            } else {
                ended = true;
                if (block instanceof Failed failure) {
                    throw new IOException(failure.cause().getMessage(), failure.cause());
                }
            }
        }
        return current.next();
    }

    private void readAhead(ManifestReader manifest, long limit) {
        List<WorkItem> block = new ArrayList<>();
        try (manifest) {
            long remaining = limit;
            WorkItem item;
            while (remaining > 0 && (item = manifest.next()) != null) {
                block.add(item);
                remaining--;
                if (block.size() == BLOCK_SIZE) {
                    blocks.put(new Items(block));
                    block = new ArrayList<>();
                }
            }
            handOver(block, new Ended());
        } catch (InterruptedException closed) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the items read before the failure are handed out first, as a plain reader would have
            try {
                handOver(block, new Failed(e));
            } catch (InterruptedException closed) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void handOver(List<WorkItem> lastBlock, Block end) throws InterruptedException {
        if (!lastBlock.isEmpty()) {
            blocks.put(new Items(lastBlock));
        }
        blocks.put(end);
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            // a read in progress (a Blob range, say) finishes first; do not hold the step up for long on it
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            // the step is being stopped: the reading thread was told to stop too and ends on its own
            Thread.currentThread().interrupt();
        }
    }
}
