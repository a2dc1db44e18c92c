package io.aibatch.sink;

import io.aibatch.json.Json;
import io.aibatch.pipeline.DeadLetterRecord;
import io.aibatch.pipeline.ItemOutcome;
import io.aibatch.plan.Slice;
import io.aibatch.report.SliceCounters;
import io.aibatch.store.OutputStore;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes each chunk as its own JSONL file under {@code results/} (and {@code dead-letter/} when the
 * chunk has failed items), named after the slice and the manifest line of the chunk's first item.
 * <p>
 * The name is deterministic, so a chunk written again after a crash replaces its earlier file
 * instead of adding lines: the output holds every item exactly once. On open, files of this slice
 * that start at or after the committed position are leftovers of an uncommitted attempt and are
 * removed.
 * <p>
 * Saved state: {@code chunkOutput.written} — outcomes whose chunk was written and committed.
 */
public class ChunkOutputWriter implements ItemStreamWriter<ItemOutcome> {

    public static final String RESULTS = "results";
    public static final String DEAD_LETTER = "dead-letter";
    static final String WRITTEN_KEY = "chunkOutput.written";

    private final OutputStore store;
    private final Slice slice;
    private final SliceCounters counters;
    private long written;

    public ChunkOutputWriter(OutputStore store, Slice slice, SliceCounters counters) {
        this.store = store;
        this.slice = slice;
        this.counters = counters;
    }

    @Override
    public void open(ExecutionContext context) throws ItemStreamException {
        written = context.getLong(WRITTEN_KEY, 0L);
        counters.restore(context);
        try {
            removeUncommittedFiles(RESULTS);
            removeUncommittedFiles(DEAD_LETTER);
        } catch (IOException e) {
            throw new ItemStreamException("could not clean up uncommitted output of " + slice.name() + " in " + store.describe(), e);
        }
    }

    @Override
    public void write(Chunk<? extends ItemOutcome> chunk) throws Exception {
        String fileName = fileName(slice.firstLine() + written);
        ByteArrayOutputStream results = new ByteArrayOutputStream();
        ByteArrayOutputStream deadLetters = new ByteArrayOutputStream();
        for (ItemOutcome outcome : chunk) {
            if (outcome instanceof ItemOutcome.Processed processed) {
                appendLine(results, processed.result());
            } else {
                appendLine(deadLetters, DeadLetterRecord.of((ItemOutcome.DeadLettered) outcome));
            }
        }
        replace(RESULTS + "/" + fileName, results);
        replace(DEAD_LETTER + "/" + fileName, deadLetters);
        written += chunk.size();
        counters.add(chunk.getItems());
    }

    @Override
    public void update(ExecutionContext context) throws ItemStreamException {
        context.putLong(WRITTEN_KEY, written);
        counters.save(context);
    }

    private void replace(String path, ByteArrayOutputStream lines) throws IOException {
        if (lines.size() == 0) {
            store.delete(path);
        } else {
            store.write(path, lines.toByteArray());
        }
    }

    private static void appendLine(ByteArrayOutputStream out, Object value) {
        try {
            out.write(Json.MAPPER.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
    }

    private void removeUncommittedFiles(String directory) throws IOException {
        String prefix = slice.name() + "-";
        String firstUncommitted = fileName(slice.firstLine() + written);
        List<String> names = store.list(directory, prefix);
        for (String name : names) {
            if (name.startsWith(prefix) && name.compareTo(firstUncommitted) >= 0) {
                store.delete(directory + "/" + name);
            }
        }
    }

    private String fileName(long firstLine) {
        return "%s-%012d.jsonl".formatted(slice.name(), firstLine);
    }
}
