package io.aibatch.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.item.WorkItem;
import io.aibatch.pipeline.ItemOutcome;
import io.aibatch.pipeline.Units;
import io.aibatch.plan.Slice;
import io.aibatch.report.SliceCounters;
import io.aibatch.store.LocalOutputStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class ChunkOutputWriterTest {

    @TempDir
    Path dir;

    private final Slice slice = new Slice(2, 100, 50, 0, 0);

    @Test
    void aChunkWrittenAgainAfterACrashReplacesItsFileAndLeftoversAreRemoved() throws Exception {
        LocalOutputStore store = new LocalOutputStore(dir);
        ExecutionContext committed = new ExecutionContext();

        ChunkOutputWriter first = new ChunkOutputWriter(store, slice, new SliceCounters());
        first.open(committed);
        first.write(chunk(100, 10));
        first.update(committed); // chunk 1 committed
        first.write(chunk(110, 10)); // chunk 2 written, then the process dies before commit
        first.write(chunk(120, 10)); // (as if a later chunk had been written too)

        ChunkOutputWriter second = new ChunkOutputWriter(store, slice, new SliceCounters());
        second.open(committed);
        assertThat(store.list("results")).containsExactly("slice-0002-000000000100.jsonl");
        second.write(chunk(110, 10));
        second.write(chunk(120, 10));
        second.update(committed);

        List<String> lines = allLines(dir.resolve("results"));
        assertThat(lines).hasSize(27).doesNotHaveDuplicates();
        assertThat(committed.getLong(SliceCounters.WRITTEN)).isEqualTo(27);
        assertThat(committed.getLong(SliceCounters.DEAD_LETTERED)).isEqualTo(3);
        assertThat(allLines(dir.resolve("dead-letter"))).hasSize(3).allSatisfy(line -> assertThat(line)
                .contains("\"reason\":\"broken\""));
    }

    /** A chunk file holds each value as Json.MAPPER writes it alone, one a line, also values of different types. */
    @Test
    void eachLineIsTheValueAsTheMapperWritesItAlone() throws Exception {
        LocalOutputStore store = new LocalOutputStore(dir);
        List<Object> values = List.of(
                java.util.Map.of("text", "ünïcödé \"quoted\"\nnew line \u2028 😀", "n", 1.5),
                new Units(java.util.Map.of("tokens", 3.0)),
                List.of(1, "two", java.util.Map.of()),
                "a string",
                42);
        ChunkOutputWriter.replace(store, "results/mixed.jsonl", values);

        StringBuilder expected = new StringBuilder();
        for (Object value : values) {
            expected.append(io.aibatch.json.Json.MAPPER.writeValueAsString(value))
                    .append('\n');
        }
        assertThat(Files.readString(dir.resolve("results/mixed.jsonl"))).isEqualTo(expected.toString());
    }

    @Test
    void aRewrittenChunkWithoutDeadLettersRemovesTheEarlierDeadLetterFile() throws Exception {
        LocalOutputStore store = new LocalOutputStore(dir);
        ExecutionContext context = new ExecutionContext();
        ChunkOutputWriter writer = new ChunkOutputWriter(store, slice, new SliceCounters());
        writer.open(context);
        writer.write(chunk(100, 10));
        assertThat(store.list("dead-letter")).hasSize(1);

        ChunkOutputWriter again = new ChunkOutputWriter(store, slice, new SliceCounters());
        again.open(context);
        List<ItemOutcome> allGood = new ArrayList<>();
        for (int i = 100; i < 110; i++) {
            allGood.add(new ItemOutcome.Processed(item(i), "r" + i, Units.pages(1)));
        }
        again.write(new Chunk<>(allGood));
        assertThat(store.list("dead-letter")).isEmpty();
    }

    /** Items from {@code firstLine}; every tenth one (line % 10 == 3) fails. */
    private static Chunk<ItemOutcome> chunk(int firstLine, int size) {
        List<ItemOutcome> outcomes = new ArrayList<>();
        for (int line = firstLine; line < firstLine + size; line++) {
            outcomes.add(
                    line % 10 == 3
                            ? new ItemOutcome.DeadLettered(item(line), "broken", "broken", 1)
                            : new ItemOutcome.Processed(
                                    item(line), java.util.Map.of("id", "item-" + line), Units.pages(1)));
        }
        return new Chunk<>(outcomes);
    }

    private static WorkItem item(int line) {
        return WorkItem.of("/in/" + line, String.valueOf(line), 1, Instant.EPOCH, null);
    }

    private static List<String> allLines(Path directory) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList()) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        return lines;
    }
}
