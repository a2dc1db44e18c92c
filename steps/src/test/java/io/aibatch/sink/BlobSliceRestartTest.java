package io.aibatch.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.blob.Azurite;
import io.aibatch.item.WorkItem;
import io.aibatch.pipeline.ItemOutcome;
import io.aibatch.pipeline.PipelinedItemReader;
import io.aibatch.pipeline.Units;
import io.aibatch.plan.RunPlanner;
import io.aibatch.plan.Slice;
import io.aibatch.plan.SlicePlan;
import io.aibatch.report.SliceCounters;
import io.aibatch.source.ItemSource;
import io.aibatch.store.Locations;
import io.aibatch.store.OutputStore;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One slice of a run whose manifest and outputs are in Blob Storage, crashed between chunks and started again:
 * the reader resumes by manifest position, uncommitted chunk blobs are removed, rewritten chunks replace theirs,
 * and every item of the slice ends up exactly once.
 */
class BlobSliceRestartTest {

    private static final int ITEMS = 300;
    private static final int CHUNK = 10;

    @Test
    void aSliceRestartedAfterACrashWritesEveryItemExactlyOnce() throws Exception {
        Azurite azurite = Azurite.shared();
        OutputStore store = Locations.output(azurite.url(azurite.newContainer("restart"), "run"));
        SlicePlan plan = RunPlanner.plan(new CountingSource(), store, 3);
        Slice slice = plan.slices().get(1);
        assertThat(slice.startByte()).isPositive();
        ExecutionContext committed = new ExecutionContext();

        // first attempt: three chunks committed, two more written, then the process dies (nothing closed)
        PipelinedItemReader reader = reader(store, slice);
        ChunkOutputWriter writer = new ChunkOutputWriter(store, slice, new SliceCounters());
        reader.open(committed);
        writer.open(committed);
        for (int chunk = 0; chunk < 5; chunk++) {
            writer.write(nextChunk(reader));
            if (chunk < 3) {
                reader.update(committed);
                writer.update(committed);
            }
        }
        assertThat(store.list("results", slice.name() + "-")).hasSize(5);

        // second attempt from the committed state
        PipelinedItemReader again = reader(store, slice);
        ChunkOutputWriter writerAgain = new ChunkOutputWriter(store, slice, new SliceCounters());
        again.open(committed);
        writerAgain.open(committed);
        assertThat(store.list("results", slice.name() + "-"))
                .as("uncommitted chunks removed on open")
                .hasSize(3);
        Chunk<ItemOutcome> chunk;
        while (!(chunk = nextChunk(again)).isEmpty()) {
            writerAgain.write(chunk);
            again.update(committed);
            writerAgain.update(committed);
        }
        again.close();
        writerAgain.close();

        List<String> names = new ArrayList<>();
        names.addAll(names(store, "results"));
        names.addAll(names(store, "dead-letter"));
        List<String> expected = new ArrayList<>();
        for (long line = slice.firstLine(); line < slice.firstLine() + slice.items(); line++) {
            expected.add(name(line));
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(expected).doesNotHaveDuplicates();
        assertThat(committed.getLong(SliceCounters.WRITTEN) + committed.getLong(SliceCounters.DEAD_LETTERED))
                .isEqualTo(slice.items());
    }

    private static PipelinedItemReader reader(OutputStore store, Slice slice) {
        // every seventh item is dead-lettered, so both outputs are exercised
        return new PipelinedItemReader(
                store,
                RunPlanner.MANIFEST,
                slice,
                item -> CompletableFuture.completedFuture(
                        item.size() % 7 == 0
                                ? new ItemOutcome.DeadLettered(item, "test", "seventh", 1)
                                : new ItemOutcome.Processed(item, java.util.Map.of("name", item.name()), Units.NONE)),
                8);
    }

    private static Chunk<ItemOutcome> nextChunk(PipelinedItemReader reader) throws Exception {
        List<ItemOutcome> items = new ArrayList<>();
        ItemOutcome outcome;
        while (items.size() < CHUNK && (outcome = reader.read()) != null) {
            items.add(outcome);
        }
        return new Chunk<>(items);
    }

    private static List<String> names(OutputStore store, String directory) throws Exception {
        List<String> names = new ArrayList<>();
        for (String file : store.list(directory)) {
            try (InputStream in = store.open(directory + "/" + file, 0);
                    BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                lines.lines()
                        .map(line -> io.aibatch.json.Json.MAPPER
                                .readTree(line)
                                .get("name")
                                .asString())
                        .forEach(names::add);
            }
        }
        return names;
    }

    private static String name(long line) {
        return "doc-%05d.pdf".formatted(line);
    }

    /** Items named by their manifest line; the size is the line number too. */
    private static final class CountingSource implements ItemSource {
        @Override
        public String describe() {
            return "counting";
        }

        @Override
        public void list(Consumer<WorkItem> sink) {
            for (long i = 0; i < ITEMS; i++) {
                sink.accept(WorkItem.of(
                        "https://acct.blob.core.windows.net/c/" + name(i),
                        name(i),
                        i,
                        Instant.EPOCH,
                        "\"e" + i + "\""));
            }
        }

        @Override
        public InputStream open(WorkItem item) {
            throw new UnsupportedOperationException();
        }
    }
}
