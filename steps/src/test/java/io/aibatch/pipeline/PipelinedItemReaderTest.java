package io.aibatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.item.WorkItem;
import io.aibatch.plan.ManifestWriter;
import io.aibatch.plan.Slice;
import io.aibatch.store.LocalOutputStore;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

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
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public void close() {
            closed.incrementAndGet();
        }

        @Override
        public CompletableFuture<ItemOutcome> handle(WorkItem item) {
            started.add(item.name());
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            return CompletableFuture.supplyAsync(
                    () -> {
                        sleep(ThreadLocalRandom.current().nextInt(0, 4));
                        inFlight.decrementAndGet();
                        return new ItemOutcome.Processed(item, item.name(), Units.NONE);
                    },
                    executor);
        }
    }

    @Test
    void handsBackOutcomesInManifestOrderWithManyInFlight() throws Exception {
        LocalOutputStore store = manifestOf(200);
        RecordingHandler handler = new RecordingHandler();
        PipelinedItemReader reader =
                new PipelinedItemReader(store, "manifest.jsonl", new Slice(0, 0, 200, 0, 0), handler, 16);

        List<String> names = readAll(reader, new ExecutionContext());

        assertThat(names).hasSize(200);
        for (int i = 0; i < 200; i++) {
            assertThat(names.get(i)).isEqualTo("doc-" + i);
        }
        assertThat(handler.maxInFlight.get()).isGreaterThan(1).isLessThanOrEqualTo(16);
        // closing the slice's reader releases what its handler keeps open (the file its lines are read from)
        assertThat(handler.closed.get()).isEqualTo(1);
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

    @Test
    void anItemThatNeverFinishesIsDeadLetteredAsTimeoutInItsPlaceAndTheRestContinue() throws Exception {
        LocalOutputStore store = manifestOf(20);
        RecordingHandler normal = new RecordingHandler();
        ItemHandler hangsOnDoc5 = item -> item.name().equals("doc-5") ? new CompletableFuture<>() : normal.handle(item);
        PipelinedItemReader reader = new PipelinedItemReader(
                store,
                "manifest.jsonl",
                new Slice(0, 0, 20, 0, 0),
                hangsOnDoc5,
                4,
                java.time.Duration.ofMillis(300),
                () -> {});

        reader.open(new ExecutionContext());
        List<ItemOutcome> outcomes = new ArrayList<>();
        ItemOutcome outcome;
        while ((outcome = reader.read()) != null) {
            outcomes.add(outcome);
        }
        reader.close();

        assertThat(outcomes).extracting(o -> o.item().name()).containsExactlyElementsOf(names(0, 20));
        assertThat(outcomes.get(5))
                .isInstanceOfSatisfying(ItemOutcome.DeadLettered.class, dead -> assertThat(dead.code())
                        .isEqualTo("timeout"));
        assertThat(outcomes.stream().filter(o -> o instanceof ItemOutcome.Processed))
                .hasSize(19);
    }

    /** Stands in for a process dying inside a handler: nothing after it runs, nothing is closed. */
    private static final class ProcessDied extends RuntimeException {}

    @Test
    void afterTheProcessDiesTheItemsInFlightAreRetriedAloneAndOneThatKillsItAgainIsPoison() throws Exception {
        LocalOutputStore store = manifestOf(30);
        Slice slice = new Slice(0, 0, 30, 0, 0);
        ExecutionContext[] repository = {new ExecutionContext()};
        ExecutionContext live = new ExecutionContext();
        List<String> committed = new ArrayList<>();
        List<String> tried = java.util.Collections.synchronizedList(new ArrayList<>());
        // each "process" gets its own handler: the dead process's items may still be finishing on the executor
        java.util.function.Function<RecordingHandler, ItemHandler> killingOnDoc9 = handler -> item -> {
            tried.add(item.name());
            if (item.name().equals("doc-9")) {
                throw new ProcessDied();
            }
            return handler.handle(item);
        };
        ItemHandler killsOnDoc9 = killingOnDoc9.apply(new RecordingHandler());
        Runnable save = () -> repository[0] = new ExecutionContext(live);

        // first process: two chunks of 3 committed (doc-6..doc-8 already in flight), then starting doc-9 kills it
        PipelinedItemReader first = new PipelinedItemReader(
                store, "manifest.jsonl", slice, killsOnDoc9, 4, PipelinedItemReader.DEFAULT_ITEM_TIMEOUT, save);
        first.open(live);
        for (int chunk = 0; chunk < 2; chunk++) {
            for (int i = 0; i < 3; i++) {
                committed.add(first.read().item().name());
            }
            first.update(live);
            save.run();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(first::read).isInstanceOf(ProcessDied.class);

        // second process: doc-6..doc-9 are suspects, tried one at a time; doc-9 kills it again
        ExecutionContext restored = new ExecutionContext(repository[0]);
        Runnable saveRestored = () -> repository[0] = new ExecutionContext(restored);
        RecordingHandler normal = new RecordingHandler();
        tried.clear();
        PipelinedItemReader second = new PipelinedItemReader(
                store,
                "manifest.jsonl",
                slice,
                killingOnDoc9.apply(normal),
                4,
                PipelinedItemReader.DEFAULT_ITEM_TIMEOUT,
                saveRestored);
        second.open(restored);
        for (String expected : List.of("doc-6", "doc-7", "doc-8")) {
            assertThat(second.read().item().name()).isEqualTo(expected);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(second::read).isInstanceOf(ProcessDied.class);
        assertThat(tried).containsExactly("doc-6", "doc-7", "doc-8", "doc-9");
        assertThat(normal.maxInFlight.get()).isEqualTo(1);

        // third process: doc-6..doc-8 alone again, doc-9 is poison without being tried, then the window again
        ExecutionContext third = new ExecutionContext(repository[0]);
        tried.clear();
        PipelinedItemReader last = new PipelinedItemReader(
                store,
                "manifest.jsonl",
                slice,
                killsOnDoc9,
                4,
                PipelinedItemReader.DEFAULT_ITEM_TIMEOUT,
                () -> repository[0] = new ExecutionContext(third));
        last.open(third);
        List<ItemOutcome> rest = new ArrayList<>();
        ItemOutcome outcome;
        while ((outcome = last.read()) != null) {
            rest.add(outcome);
        }
        last.update(third);
        last.close();

        rest.forEach(o -> committed.add(o.item().name()));
        assertThat(committed).containsExactlyElementsOf(names(0, 30));
        assertThat(rest.get(3)).isInstanceOfSatisfying(ItemOutcome.DeadLettered.class, dead -> {
            assertThat(dead.item().name()).isEqualTo("doc-9");
            assertThat(dead.code()).isEqualTo("poison");
        });
        assertThat(tried).doesNotContain("doc-9").startsWith("doc-6", "doc-7", "doc-8", "doc-10");
        assertThat(repository[0].getString(PipelinedItemReader.RUNNING)).isEqualTo("false");
        assertThat(repository[0].containsKey(PipelinedItemReader.SUSPECT)).isFalse();
    }

    @Test
    void aSliceClosedNormallyHasNoSuspectsOnRestart() throws Exception {
        LocalOutputStore store = manifestOf(30);
        Slice slice = new Slice(0, 0, 30, 0, 0);
        ExecutionContext context = new ExecutionContext();
        PipelinedItemReader first = new PipelinedItemReader(store, "manifest.jsonl", slice, new RecordingHandler(), 8);
        first.open(context);
        for (int i = 0; i < 10; i++) {
            first.read();
        }
        first.update(context);
        first.close();

        RecordingHandler handler = new RecordingHandler();
        List<String> rest = readAll(new PipelinedItemReader(store, "manifest.jsonl", slice, handler, 8), context);

        assertThat(rest).containsExactlyElementsOf(names(10, 30));
        assertThat(context.containsKey(PipelinedItemReader.SUSPECTS_END)).isFalse();
    }

    private static List<String> names(int from, int to) {
        List<String> names = new ArrayList<>();
        for (int i = from; i < to; i++) {
            names.add("doc-" + i);
        }
        return names;
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
