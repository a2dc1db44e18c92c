package io.aibatch.sink;

import io.aibatch.json.Json;
import io.aibatch.pipeline.DeadLetterRecord;
import io.aibatch.pipeline.ItemOutcome;
import io.aibatch.plan.Slice;
import io.aibatch.report.SliceCounters;
import io.aibatch.routing.Routed;
import io.aibatch.store.OutputStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SequenceWriter;

/**
 * Writes each chunk under a name made of the slice and the manifest line of the chunk's first item: results
 * through the {@link ResultSink} ({@code results/<name>} files by default, or a database), and {@code dead-letter/}
 * and {@code audit/} files (the audit says which engines saw each item's content) in the output store.
 * <p>
 * The name is deterministic, so a chunk written again after a crash replaces its earlier output instead of
 * adding lines: the output holds every item exactly once. On open, files of this slice that start at or after
 * the committed position are leftovers of an uncommitted attempt and are removed.
 * <p>
 * Saved state: {@code chunkOutput.written} — outcomes whose chunk was written and committed.
 */
public class ChunkOutputWriter implements ItemStreamWriter<ItemOutcome> {

    public static final String RESULTS = "results";
    public static final String DEAD_LETTER = "dead-letter";
    public static final String AUDIT = "audit";
    static final String WRITTEN_KEY = "chunkOutput.written";
    /** JSONL: each value on its own line, as compact as {@code Json.MAPPER} writes it. */
    private static final ObjectWriter LINES = Json.MAPPER.writer().withRootValueSeparator("\n");

    private final OutputStore store;
    private final ResultSink results;
    private final Slice slice;
    private final SliceCounters counters;
    private long written;

    public ChunkOutputWriter(OutputStore store, Slice slice, SliceCounters counters) {
        this(store, new FileResultSink(store), slice, counters);
    }

    /**
     * @param store   where dead-letters and the audit trail go
     * @param results where results go
     */
    public ChunkOutputWriter(OutputStore store, ResultSink results, Slice slice, SliceCounters counters) {
        this.store = store;
        this.results = results;
        this.slice = slice;
        this.counters = counters;
    }

    @Override
    public void open(ExecutionContext context) throws ItemStreamException {
        written = context.getLong(WRITTEN_KEY, 0L);
        counters.restore(context);
        String prefix = slice.name() + "-";
        String firstUncommitted = fileName(slice.firstLine() + written);
        try {
            results.removeUncommitted(prefix, firstUncommitted);
            removeFrom(store, DEAD_LETTER, prefix, firstUncommitted);
            removeFrom(store, AUDIT, prefix, firstUncommitted);
        } catch (IOException e) {
            throw new ItemStreamException(
                    "could not clean up uncommitted output of " + slice.name() + " in " + store.describe() + " / "
                            + results.describe(),
                    e);
        }
    }

    @Override
    public void write(Chunk<? extends ItemOutcome> chunk) throws Exception {
        String fileName = fileName(slice.firstLine() + written);
        List<Object> processed = new ArrayList<>();
        List<Object> deadLetters = new ArrayList<>();
        List<String> deadLetteredIds = new ArrayList<>();
        List<Object> audit = new ArrayList<>();
        for (ItemOutcome outcome : chunk) {
            if (outcome instanceof ItemOutcome.Processed p) {
                processed.add(p.result());
                if (p.result() instanceof Routed routed) {
                    audit.add(AuditRecord.of(routed));
                }
            } else {
                deadLetters.add(DeadLetterRecord.of((ItemOutcome.DeadLettered) outcome));
                deadLetteredIds.add(outcome.item().id());
            }
        }
        ResultSink.Written cost = results.write(fileName, processed, deadLetteredIds);
        replace(store, DEAD_LETTER + "/" + fileName, deadLetters);
        replace(store, AUDIT + "/" + fileName, audit);
        written += chunk.size();
        counters.add(chunk.getItems());
        counters.addRequestCharge(cost.requestCharge());
    }

    @Override
    public void update(ExecutionContext context) throws ItemStreamException {
        context.putLong(WRITTEN_KEY, written);
        counters.save(context);
    }

    /** Writes {@code lines} as JSONL to {@code path}, replacing it; an empty list removes the file. */
    static void replace(OutputStore store, String path, List<?> lines) throws IOException {
        if (lines.isEmpty()) {
            store.delete(path);
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(512 * lines.size());
        // one generator for the file, not one per line (each took a pooled buffer and its own context)
        try (SequenceWriter writer = LINES.writeValues(out)) {
            writer.writeAll(lines);
        }
        out.write('\n');
        store.write(path, out.toByteArray());
    }

    static void removeFrom(OutputStore store, String directory, String prefix, String firstUncommitted)
            throws IOException {
        for (String name : store.list(directory, prefix)) {
            if (name.startsWith(prefix) && name.compareTo(firstUncommitted) >= 0) {
                store.delete(directory + "/" + name);
            }
        }
    }

    private String fileName(long firstLine) {
        return "%s-%012d.jsonl".formatted(slice.name(), firstLine);
    }
}
