package io.aibatch.runtime;

import io.aibatch.pipeline.DeferredResult;
import io.aibatch.pipeline.ItemOutcome;
import io.aibatch.plan.Slice;
import io.aibatch.sink.ChunkOutputWriter;
import io.aibatch.store.OutputStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * The slice's writer: items waiting for a cloud batch ({@link DeferredResult}) go to {@link PendingItems}, in the
 * chunk's transaction, and everything else to the {@link ChunkOutputWriter}. So a batched item leaves the in-flight
 * window as soon as its other results are done, and the run's {@code collect} step writes it once its batch answered.
 * <p>
 * Saved state: {@code deferring.seen} — outcomes of committed chunks, batched or not (the pending files' names);
 * {@code deferring.pending} — how many of them wait for a batch; {@code deferring.estimatedTokensIn/Out} — their
 * requests' estimated tokens, for {@code --budget-usd} ({@link OpenBatchRequests}).
 */
class DeferringWriter implements ItemStreamWriter<ItemOutcome> {

    static final String SEEN = "deferring.seen";
    static final String PENDING = "deferring.pending";

    private final ChunkOutputWriter delegate;
    private final OutputStore store;
    private final Slice slice;
    /** Without batch mode no item is deferred: the pending store is never touched (no call per chunk). */
    private final boolean batchMode;

    private long seen;
    private long pending;
    private long estimatedIn;
    private long estimatedOut;

    DeferringWriter(ChunkOutputWriter delegate, OutputStore store, Slice slice, boolean batchMode) {
        this.delegate = delegate;
        this.batchMode = batchMode;
        this.store = store;
        this.slice = slice;
    }

    @Override
    public void open(ExecutionContext context) throws ItemStreamException {
        delegate.open(context);
        seen = context.getLong(SEEN, 0L);
        pending = context.getLong(PENDING, 0L);
        estimatedIn = context.getLong(OpenBatchRequests.TOKENS_IN, 0L);
        estimatedOut = context.getLong(OpenBatchRequests.TOKENS_OUT, 0L);
        if (!batchMode) {
            return;
        }
        try {
            PendingItems.removeFrom(store, slice.name() + "-", chunkName(seen));
        } catch (IOException e) {
            throw new ItemStreamException(
                    "could not clean up uncommitted pending items of " + slice.name() + " in " + store.describe(), e);
        }
    }

    @Override
    public void write(Chunk<? extends ItemOutcome> chunk) throws Exception {
        List<PendingItems.Entry> deferred = new ArrayList<>();
        List<ItemOutcome> now = new ArrayList<>();
        for (ItemOutcome outcome : chunk) {
            if (outcome instanceof ItemOutcome.Processed p && p.result() instanceof DeferredResult d) {
                deferred.add(PendingItems.Entry.of(p, d));
                estimatedIn += OpenBatchRequests.tokensIn(d.prompt());
                estimatedOut += OpenBatchRequests.tokensOut(d.prompt());
            } else {
                now.add(outcome);
            }
        }
        if (batchMode) {
            PendingItems.write(store, chunkName(seen), deferred);
        } else if (!deferred.isEmpty()) {
            throw new IllegalStateException("an item of " + slice.name()
                    + " waits for a cloud batch but the run is not in --cloud-llm-mode batch");
        }
        delegate.write(new Chunk<>(now));
        seen += chunk.size();
        pending += deferred.size();
    }

    @Override
    public void update(ExecutionContext context) throws ItemStreamException {
        delegate.update(context);
        context.putLong(SEEN, seen);
        context.putLong(PENDING, pending);
        if (batchMode) {
            context.putLong(OpenBatchRequests.TOKENS_IN, estimatedIn);
            context.putLong(OpenBatchRequests.TOKENS_OUT, estimatedOut);
        }
    }

    @Override
    public void close() throws ItemStreamException {
        delegate.close();
    }

    private String chunkName(long offset) {
        return "%s-%012d.jsonl".formatted(slice.name(), slice.firstLine() + offset);
    }
}
