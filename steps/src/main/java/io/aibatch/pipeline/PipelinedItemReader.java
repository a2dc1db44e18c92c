package io.aibatch.pipeline;

import io.aibatch.item.WorkItem;
import io.aibatch.plan.ManifestReadAhead;
import io.aibatch.plan.ManifestReader;
import io.aibatch.plan.Slice;
import io.aibatch.store.OutputStore;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

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
 * <p>
 * <b>Poison items.</b> An item that never finishes is handed back as a {@code timeout} dead-letter once it
 * has been the oldest in flight for {@code itemTimeout}; its thread is abandoned. An item that kills the
 * process (out of memory with -XX:+ExitOnOutOfMemoryError, a crash in native code) cannot be caught, so it
 * is found on restart: the slice's context says the reader was open when the process went away
 * ({@code running}), and the items that were in flight then, from the committed read count up to the
 * window, are the suspects. They are tried one at a time, each announced in the context and saved before it
 * starts; a suspect that is announced again on the next restart killed its process twice and is
 * dead-lettered as {@code poison} without a third try. The normal path saves the context only when the
 * slice opens and closes: no write per item.
 */
public class PipelinedItemReader extends AbstractItemCountingItemStreamItemReader<ItemOutcome> {

    private static final Logger log = LoggerFactory.getLogger(PipelinedItemReader.class);

    /** The default item deadline, also used by {@link #PipelinedItemReader(OutputStore, String, Slice, ItemHandler, int)}. */
    public static final Duration DEFAULT_ITEM_TIMEOUT = Duration.ofMinutes(10);

    static final String RUNNING = "pipeline.running";
    static final String WINDOW = "pipeline.window";
    static final String SUSPECTS_END = "pipeline.suspects-end";
    static final String SUSPECT = "pipeline.suspect";

    private final OutputStore manifestStore;
    private final String manifestPath;
    private final Slice slice;
    private final ItemHandler handler;
    private final int window;
    private final Duration itemTimeout;
    private final Runnable saveContext;
    private final Deque<InFlight> inFlight = new ArrayDeque<>();
    private ManifestReadAhead manifest;
    private ExecutionContext context;
    private long started;
    /** Items before this index (in the slice) were in flight when the process died: run one at a time. */
    private long suspectsEnd;
    /** A suspect that died alone before: dead-lettered as poison; -1 if none. */
    private long poison = -1;

    private record InFlight(WorkItem item, CompletableFuture<ItemOutcome> outcome) {}

    public PipelinedItemReader(
            OutputStore manifestStore, String manifestPath, Slice slice, ItemHandler handler, int window) {
        this(manifestStore, manifestPath, slice, handler, window, DEFAULT_ITEM_TIMEOUT, () -> {});
    }

    /**
     * @param itemTimeout how long the oldest item in flight may take before it is dead-lettered as {@code timeout}
     * @param saveContext saves the slice's ExecutionContext (the one given to {@link #open}) in a transaction of its
     *                    own, at once: called when the slice opens and closes, and before each suspect is tried
     */
    public PipelinedItemReader(
            OutputStore manifestStore,
            String manifestPath,
            Slice slice,
            ItemHandler handler,
            int window,
            Duration itemTimeout,
            Runnable saveContext) {
        if (window < 1) {
            throw new IllegalArgumentException("the in-flight window must be at least 1 but was " + window);
        }
        if (itemTimeout.isNegative() || itemTimeout.isZero()) {
            throw new IllegalArgumentException("the item timeout must be positive but was " + itemTimeout);
        }
        this.manifestStore = manifestStore;
        this.manifestPath = manifestPath;
        this.slice = slice;
        this.handler = handler;
        this.window = window;
        this.itemTimeout = itemTimeout;
        this.saveContext = saveContext;
        setName("pipeline");
    }

    @Override
    public void open(ExecutionContext executionContext) throws ItemStreamException {
        super.open(executionContext);
        context = executionContext;
        long committed = started;
        if (context.containsKey(RUNNING) && context.getString(RUNNING).equals("true")) {
            // the process went away with this slice open: what was in flight past the checkpoint is suspect
            suspectsEnd = context.containsKey(SUSPECTS_END)
                    ? context.getLong(SUSPECTS_END)
                    : Math.min(
                            slice.items(), committed + (context.containsKey(WINDOW) ? context.getInt(WINDOW) : window));
            poison = context.containsKey(SUSPECT) && context.getLong(SUSPECT) >= committed
                    ? context.getLong(SUSPECT)
                    : -1;
            if (suspectsEnd > committed) {
                log.warn(
                        "{}: the process running it went away with items {}..{} of the slice in flight; trying them one at a time{}",
                        slice.name(),
                        committed + 1,
                        suspectsEnd,
                        poison >= 0 ? " (item " + (poison + 1) + " died alone before: poison)" : "");
                context.putLong(SUSPECTS_END, suspectsEnd);
            }
        }
        if (started >= suspectsEnd) {
            context.remove(SUSPECTS_END);
            context.remove(SUSPECT);
        }
        context.putString(RUNNING, "true");
        context.putInt(WINDOW, window);
        saveContext.run();
    }

    @Override
    protected void doOpen() throws Exception {
        manifest = new ManifestReadAhead(
                new ManifestReader(manifestStore.open(manifestPath, slice.startByte()), slice.startByte()),
                slice.items(),
                slice.name());
        started = 0;
    }

    /** On restart: skip the manifest lines whose results were already committed, without handling them. */
    @Override
    protected void jumpToItem(int itemIndex) throws Exception {
        for (int i = 0; i < itemIndex && started < slice.items(); i++) {
            nextItem();
        }
    }

    @Override
    protected ItemOutcome doRead() throws Exception {
        if (inFlight.isEmpty() && started < suspectsEnd) {
            return readSuspect();
        }
        while (inFlight.size() < window && started < slice.items()) {
            WorkItem item = nextItem();
            inFlight.addLast(new InFlight(item, handler.handle(item)));
        }
        InFlight next = inFlight.pollFirst();
        return next == null ? null : await(next);
    }

    private ItemOutcome readSuspect() throws Exception {
        long index = started;
        WorkItem item = nextItem();
        ItemOutcome outcome;
        if (index == poison) {
            log.warn(
                    "{}: {} killed its process again when tried alone; dead-lettered as poison",
                    slice.name(),
                    item.source());
            outcome = new ItemOutcome.DeadLettered(
                    item,
                    "poison",
                    "the process handling this item died twice, the second time "
                            + "with only this item in flight (out of memory or a crash in native code); it is not tried again",
                    2);
        } else {
            context.putLong(SUSPECT, index);
            saveContext.run();
            outcome = await(new InFlight(item, handler.handle(item)));
        }
        if (started >= suspectsEnd) {
            context.remove(SUSPECT);
            context.remove(SUSPECTS_END);
            saveContext.run();
        }
        return outcome;
    }

    /** The item's outcome, or a {@code timeout} dead-letter once it has been waited for longer than the item timeout. */
    private ItemOutcome await(InFlight next) throws Exception {
        try {
            return next.outcome().get(itemTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // the handler's thread cannot be stopped from here (decoders ignore interrupts): it is abandoned
            next.outcome().cancel(true);
            log.warn(
                    "{}: {} did not finish within {} (aibatch.item-timeout); dead-lettered and abandoned",
                    slice.name(),
                    next.item().source(),
                    itemTimeout);
            return new ItemOutcome.DeadLettered(
                    next.item(),
                    "timeout",
                    "the item was not finished " + itemTimeout.toSeconds()
                            + " s after every item before it was (aibatch.item-timeout); its work was abandoned",
                    1);
        } catch (ExecutionException e) {
            // like join(): a failure of the run, not of the item, fails the step
            throw new CompletionException(e.getCause());
        }
    }

    private WorkItem nextItem() throws Exception {
        WorkItem item = manifest.next();
        if (item == null) {
            throw new IllegalStateException("the manifest " + manifestPath + " ended before " + slice.name()
                    + " did: expected " + slice.items() + " items from line " + slice.firstLine());
        }
        started++;
        return item;
    }

    @Override
    public void close() throws ItemStreamException {
        super.close();
        if (context != null) {
            // closed, not killed: what is in flight now is no suspect
            context.putString(RUNNING, "false");
            saveContext.run();
            context = null;
        }
    }

    @Override
    protected void doClose() throws Exception {
        // items still in flight were never handed out, so they are not in any checkpoint:
        // a restart starts them again
        inFlight.forEach(entry -> entry.outcome().cancel(true));
        inFlight.clear();
        if (manifest != null) {
            manifest.close();
            manifest = null;
        }
        handler.close(); // e.g. the file its source reads the slice's lines from
    }
}
