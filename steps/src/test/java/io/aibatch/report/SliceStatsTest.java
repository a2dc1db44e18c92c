package io.aibatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.aibatch.item.WorkItem;
import io.aibatch.pipeline.ItemOutcome;
import io.aibatch.pipeline.Units;
import io.aibatch.resilience.CallOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class SliceStatsTest {

    private static final long T0 = 1_800_000_000_000L; // epoch millis

    @Test
    void countsEveryOutcomeAndKeepsLatenciesOfSuccesses() {
        AtomicLong now = new AtomicLong(T0);
        SliceStats stats = new SliceStats(now::get, (b, l, o, a) -> {});
        stats.onAttempt("read", ms(100), CallOutcome.SUCCESS, 1);
        stats.onAttempt("read", ms(5), CallOutcome.THROTTLED, 1);
        stats.onAttempt("read", ms(300), CallOutcome.SUCCESS, 2);
        stats.onAttempt("read", ms(2000), CallOutcome.TIMEOUT, 1);
        stats.onAttempt("read", ms(10), CallOutcome.TRANSIENT, 3);
        stats.onAttempt("read", ms(10), CallOutcome.PERMANENT, 1);
        stats.onAttempt("llm", ms(50), CallOutcome.SUCCESS, 1);

        BackendCalls read = stats.snapshot().backends().get("read");
        assertThat(read.calls()).isEqualTo(6);
        assertThat(read.successes()).isEqualTo(2);
        assertThat(read.retries()).isEqualTo(2);
        assertThat(read.throttled()).isEqualTo(1);
        assertThat(read.timeouts()).isEqualTo(1);
        assertThat(read.transientFailures()).isEqualTo(1);
        assertThat(read.permanentFailures()).isEqualTo(1);
        Histogram latency = read.histogram();
        assertThat(latency.getTotalCount()).isEqualTo(2);
        assertThat(latency.getMaxValue() / 1000.0).isCloseTo(300, within(3.0));
        assertThat(stats.snapshot().backends()).containsOnlyKeys("read", "llm");
    }

    @Test
    void survivesARestartThroughTheExecutionContextAndMergesAcrossSlices() {
        AtomicLong now = new AtomicLong(T0);
        SliceStats first = new SliceStats(now::get, (b, l, o, a) -> {});
        for (int i = 1; i <= 100; i++) {
            first.onAttempt("read", ms(i), CallOutcome.SUCCESS, 1);
        }
        first.afterWrite(chunk(20, 2));
        ExecutionContext context = new ExecutionContext();
        first.update(context);

        // the slice restarts: a new object opened on the saved context goes on counting
        SliceStats restarted = new SliceStats(now::get, (b, l, o, a) -> {});
        restarted.open(context);
        now.addAndGet(5_000);
        for (int i = 101; i <= 200; i++) {
            restarted.onAttempt("read", ms(i), CallOutcome.SUCCESS, 1);
        }
        restarted.afterWrite(chunk(10, 0));
        restarted.update(context);
        StatsSnapshot slice = SliceStats.from(context);
        assertThat(slice.backends().get("read").calls()).isEqualTo(200);
        assertThat(slice.completed().total()).isEqualTo(30);
        assertThat(slice.deadLettered().total()).isEqualTo(2);

        // another slice's numbers add up exactly, histogram included
        StatsSnapshot merged = slice.plus(slice);
        Histogram latency = merged.backends().get("read").histogram();
        assertThat(latency.getTotalCount()).isEqualTo(400);
        assertThat(latency.getValueAtPercentile(50) / 1000.0).isCloseTo(100, within(2.0));
        assertThat(latency.getValueAtPercentile(99) / 1000.0).isCloseTo(198, within(3.0));
        assertThat(merged.completed().total()).isEqualTo(60);
    }

    @Test
    void busyTimeGivesTheAchievedConcurrency() {
        AtomicLong now = new AtomicLong(T0 + 10_000);
        SliceStats stats = new SliceStats(now::get, (b, l, o, a) -> {});
        // four calls of 10 s each, all ending now: four in flight for the whole 10 seconds
        for (int i = 0; i < 4; i++) {
            stats.onAttempt("gpu", ms(10_000), CallOutcome.SUCCESS, 1);
        }
        RunReport.Concurrency concurrency =
                RunReportBuilder.backends(stats.snapshot()).get("gpu").concurrency();
        assertThat(concurrency.mean()).isCloseTo(4.0, within(0.01));
        assertThat(concurrency.peak()).isCloseTo(4.0, within(0.01));
        assertThat(concurrency.series()).hasSize(10).allSatisfy(v -> assertThat(v)
                .isCloseTo(4.0, within(0.01)));
    }

    @Test
    void isThreadSafeUnderManyBackendThreads() throws Exception {
        SliceStats stats = new SliceStats();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        ExecutionContext context = new ExecutionContext();
        for (int t = 0; t < 8; t++) {
            pool.execute(() -> {
                for (int i = 0; i < 10_000; i++) {
                    stats.onAttempt(i % 2 == 0 ? "a" : "b", 1_000_000, CallOutcome.SUCCESS, 1);
                }
            });
        }
        for (int i = 0; i < 50; i++) {
            stats.update(context); // saves while backends report, as a chunk commit would
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        StatsSnapshot snapshot = stats.snapshot();
        assertThat(snapshot.backends().get("a").calls()
                        + snapshot.backends().get("b").calls())
                .isEqualTo(80_000);
        assertThat(snapshot.backends().get("a").histogram().getTotalCount()).isEqualTo(40_000);
    }

    @Test
    void aLongRunKeepsItsSeriesSmallByWideningBuckets() {
        TimeSeries.Builder builder = new TimeSeries.Builder();
        for (long s = 0; s < 36_000; s += 7) { // ten hours
            builder.add(T0 + s * 1000, 1);
        }
        TimeSeries series = builder.snapshot();
        assertThat(series.values().length).isLessThanOrEqualTo(TimeSeries.MAX_BUCKETS);
        assertThat(series.bucketSeconds()).isEqualTo(256);
        assertThat(series.total()).isEqualTo((36_000 + 6) / 7);
        // a one-second series merges into it bucket by bucket
        TimeSeries.Builder other = new TimeSeries.Builder();
        other.add(T0, 5);
        assertThat(series.plus(other.snapshot()).total()).isEqualTo(series.total() + 5);
        assertThat(series.plus(other.snapshot()).bucketSeconds()).isEqualTo(256);
    }

    private static long ms(long millis) {
        return millis * 1_000_000;
    }

    private static Chunk<ItemOutcome> chunk(int items, int deadLettered) {
        List<ItemOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            WorkItem item = new WorkItem("id" + i, "file:///x/" + i, "x" + i, 10, null, null);
            outcomes.add(
                    i < deadLettered
                            ? new ItemOutcome.DeadLettered(item, "bad", "bad", 1)
                            : new ItemOutcome.Processed(item, "r", Units.NONE));
        }
        return new Chunk<>(outcomes);
    }

    @Test
    void deadLettersAreCountedByCodeWithOneExampleAndSurviveARestartAndAMerge() {
        AtomicLong now = new AtomicLong(T0);
        SliceStats first = new SliceStats(now::get, (b, l, o, a) -> {});
        WorkItem a = new WorkItem("a", "file:///x/a", "a.pdf", 10, null, null);
        WorkItem b = new WorkItem("b", "file:///x/b", "b.pdf", 10, null, null);
        WorkItem c = new WorkItem("c", "file:///x/c", "c.png", 10, null, null);
        first.afterWrite(new Chunk<>(List.of(
                new ItemOutcome.DeadLettered(a, "corrupt-pdf", "a.pdf: not a PDF (header %PNG)", 1),
                new ItemOutcome.DeadLettered(b, "corrupt-pdf", "b.pdf: truncated xref", 1),
                new ItemOutcome.DeadLettered(c, "too-large", "c.png is too large: " + "far ".repeat(100), 1))));
        ExecutionContext context = new ExecutionContext();
        first.update(context);

        SliceStats restarted = new SliceStats(now::get, (x, l, o, t) -> {});
        restarted.open(context);
        restarted.afterWrite(new Chunk<>(List.of(new ItemOutcome.DeadLettered(a, "corrupt-pdf", "again", 1))));
        SliceStats other = new SliceStats(now::get, (x, l, o, t) -> {});
        other.afterWrite(
                new Chunk<>(List.of(new ItemOutcome.DeadLettered(b, "unsupported-type", "b.xyz: unknown type", 1))));

        StatsSnapshot merged = restarted.snapshot().plus(other.snapshot());
        assertThat(merged.deadLetterCodes()).containsOnlyKeys("corrupt-pdf", "too-large", "unsupported-type");
        assertThat(merged.deadLetterCodes().get("corrupt-pdf").count()).isEqualTo(3);
        assertThat(merged.deadLetterCodes().get("corrupt-pdf").example()).isEqualTo("a.pdf: not a PDF (header %PNG)");
        assertThat(merged.deadLetterCodes().get("too-large").example())
                .hasSize(SliceStats.EXAMPLE_CHARS)
                .endsWith("…");
        assertThat(merged.deadLetterCodes().get("unsupported-type").count()).isEqualTo(1);
    }

    @Test
    void latencyAndItemsAfterTheWarmUpAreTheSteadyState() {
        AtomicLong now = new AtomicLong(T0);
        WarmUp warmUp = new WarmUp(20, 0, T0);
        SliceStats one = new SliceStats(now::get, (b, l, o, a) -> {}, warmUp);
        SliceStats two = new SliceStats(now::get, (b, l, o, a) -> {}, warmUp);
        one.onAttempt("read", ms(5000), CallOutcome.SUCCESS, 1); // cold: model loading
        two.onAttempt("read", ms(4000), CallOutcome.SUCCESS, 1);
        now.addAndGet(6000);
        one.afterWrite(chunk(10, 0)); // 10 items: still warming up
        two.afterWrite(chunk(10, 0)); // 20 items across both slices: this commit ends the warm-up
        long warmUpEnd = now.get();
        for (int i = 0; i < 50; i++) {
            now.addAndGet(100);
            (i % 2 == 0 ? one : two).onAttempt("read", ms(100), CallOutcome.SUCCESS, 1);
        }
        one.afterWrite(chunk(10, 0));
        two.afterWrite(chunk(15, 0));

        StatsSnapshot merged = one.snapshot().plus(two.snapshot());
        assertThat(merged.steadyStartMillis()).isEqualTo(warmUpEnd);
        assertThat(merged.steadyItems()).isEqualTo(25);
        assertThat(merged.warmUp()).isEqualTo("the first 20 committed items");
        BackendCalls read = merged.backends().get("read");
        assertThat(read.histogram().getTotalCount()).isEqualTo(52);
        assertThat(read.steadyHistogram().getTotalCount()).isEqualTo(50);
        assertThat(read.steadyHistogram().getMaxValue() / 1000.0).isCloseTo(100, within(1.0));

        java.time.Instant start = java.time.Instant.ofEpochMilli(T0);
        RunReport.SteadyState steady =
                RunReportBuilder.steadyState(merged, start, java.time.Instant.ofEpochMilli(now.get()), 45);
        assertThat(steady.warmUpSeconds()).isEqualTo(6.0);
        assertThat(steady.warmUpItems()).isEqualTo(20);
        assertThat(steady.itemsPerSecond()).isCloseTo(25 / 5.0, within(1e-9));
        RunReport.Backend backend = RunReportBuilder.backends(merged, 11).get("read");
        assertThat(backend.steadyLatencyMs().p99()).isCloseTo(100, within(1.0));
        assertThat(backend.latencyMs().max()).isGreaterThan(3900);
    }

    @Test
    void byDefaultTheWarmUpEndsWithTheFirstCommitAndATimedWarmUpWithItsSeconds() {
        WarmUp first = WarmUp.firstCommit(T0);
        assertThat(first.over(T0 + 60_000)).isFalse();
        first.committed(1, T0 + 7_000);
        assertThat(first.endMillis()).isEqualTo(T0 + 7_000);
        assertThat(first.over(T0 + 6_999)).isFalse();
        assertThat(first.describe()).isEqualTo("until the first committed item");

        WarmUp timed = new WarmUp(1000, 30, T0);
        timed.committed(5000, T0 + 1_000);
        assertThat(timed.over(T0 + 29_999)).isFalse();
        assertThat(timed.over(T0 + 30_000)).isTrue();
        assertThat(timed.describe()).isEqualTo("the first 30 s");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WarmUp.forExecution(-99, "ten", null, T0))
                .hasMessageContaining("warm-up items must be a whole number, got 'ten'");
    }

    @Test
    void embeddedEnginesAreTimedLikeBackendsAndFailuresCountAsPermanent() {
        SliceStats stats = new SliceStats();
        EmbeddedTiming timing = new EmbeddedTiming("tesseract-5", stats.observer());
        assertThat(timing.time(() -> "text")).isEqualTo("text");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> timing.time(() -> {
            throw new IllegalStateException("boom");
        }));
        timing.timeAsync(() -> java.util.concurrent.CompletableFuture.completedFuture(1))
                .join();
        timing.timeAsync(() -> java.util.concurrent.CompletableFuture.failedFuture(new RuntimeException("x")))
                .exceptionally(e -> 0)
                .join();
        BackendCalls calls = stats.snapshot().backends().get("embedded/tesseract-5");
        assertThat(calls.calls()).isEqualTo(4);
        assertThat(calls.successes()).isEqualTo(2);
        assertThat(calls.permanentFailures()).isEqualTo(2);
    }
}
