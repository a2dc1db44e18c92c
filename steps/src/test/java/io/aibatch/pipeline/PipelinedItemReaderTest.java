package io.aibatch.pipeline;

import io.aibatch.item.WorkItem;
import io.aibatch.plan.ManifestWriter;
import io.aibatch.plan.Slice;
import io.aibatch.store.LocalOutputStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class PipelinedItemReaderTest {

    @TempDir
    Path dir;

    private final ExecutorService executor = Executors.newFixedThreadPool(16);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** Handles items on a pool with random delays, so completions arrive out of order. */
    private final class RecordingHandler implements ItemHandler {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final List<String> started = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public CompletableFuture<ItemOutcome> handle(WorkItem item) {
            started.add(item.name());
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            return CompletableFuture.supplyAsync(() -> {
                sleep(ThreadLocalRandom.current().nextInt(0, 4));
                inFlight.decrementAndGet();
                return new ItemOutcome.Processed(item, item.name(), Units.NONE);
            }, executor);
        }
    }

    @Test
    void handsBackOutcomesInManifestOrderWithManyInFlight() throws Exception {
        LocalOutputStore store = manifestOf(200);
        RecordingHandler handler = new RecordingHandler();
        PipelinedItemReader reader = new PipelinedItemReader(store, "manifest.jsonl", new Slice(0, 0, 200, 0, 0), handler, 16);

        List<String> names = readAll(reader, new ExecutionContext());

        assertThat(names).hasSize(200);
        for (int i = 0; i < 200; i++) {
            assertThat(names.get(i)).isEqualTo("doc-" + i);
        }
        assertThat(handler.maxInFlight.get()).isGreaterThan(1).isLessThanOrEqualTo(16);
    }

    @Test
    void aRestartSkipsCommittedItemsWithoutHandlingThemAndStopsAtTheSliceEnd() throws Exception {
        LocalOutputStore store = manifestOf(100);
        // slice 1 covers lines 40..69; find its start byte by reading the manifest
        long startByte = byteOffsetOfLine(store, 40);
        Slice slice = new Slice(1, 40, 30, startByte, 0);
        ExecutionContext context = new ExecutionContext();

        PipelinedItemReader first = new PipelinedItemReader(store, "manifest.jsonl", slice, new RecordingHandler(), 8);
        first.open(context);
        for (int i = 0; i < 12; i++) {
            first.read();
        }
        first.update(context);
        first.close();

        RecordingHandler handler = new RecordingHandler();
        PipelinedItemReader second = new PipelinedItemReader(store, "manifest.jsonl", slice, handler, 8);
        List<String> rest = readAll(second, context);

        assertThat(rest).first().isEqualTo("doc-52");
        assertThat(rest).last().isEqualTo("doc-69");
        assertThat(rest).hasSize(18);
        assertThat(handler.started).doesNotContain("doc-51", "doc-70");
    }

    private static List<String> readAll(PipelinedItemReader reader, ExecutionContext context) throws Exception {
        reader.open(context);
        List<String> names = new ArrayList<>();
        ItemOutcome outcome;
        while ((outcome = reader.read()) != null) {
            names.add(outcome.item().name());
        }
        reader.update(context);
        reader.close();
        return names;
    }

    private LocalOutputStore manifestOf(int count) throws IOException {
        LocalOutputStore store = new LocalOutputStore(dir);
        try (ManifestWriter writer = new ManifestWriter(store.create("manifest.jsonl"))) {
            for (int i = 0; i < count; i++) {
                writer.append(WorkItem.of("/in/doc-" + i, "doc-" + i, i, Instant.EPOCH, null));
            }
        }
        return store;
    }

    private static long byteOffsetOfLine(LocalOutputStore store, int line) throws IOException {
        try (var reader = new io.aibatch.plan.ManifestReader(store.open("manifest.jsonl", 0), 0)) {
            for (int i = 0; i < line; i++) {
                reader.next();
            }
            return reader.offset();
        }
    }

    private static void sleep(int millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
