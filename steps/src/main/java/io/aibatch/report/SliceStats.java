package io.aibatch.report;

import io.aibatch.json.Json;
import io.aibatch.pipeline.ItemOutcome;
import io.aibatch.resilience.CallObserver;
import io.aibatch.resilience.CallOutcome;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;

/**
 * One slice's statistics while it runs: every backend attempt (reported from backend threads as a
 * {@link CallObserver}) and every committed chunk (as an {@link ItemWriteListener}). As an {@link ItemStream}
 * registered on the worker step it is saved into the slice's ExecutionContext at each chunk commit and restored when
 * the slice restarts, so a slice's statistics are cumulative like its counters, wherever it ran, and the run report
 * merges the slices' latest contexts.
 * <p>
 * Cheap and thread-safe: one short lock per backend per attempt (a histogram record and a few additions), nothing
 * allocated on the hot path once a backend's buckets exist.
 */
public class SliceStats implements CallObserver, ItemStream, ItemWriteListener<ItemOutcome> {

    /** The ExecutionContext key of the slice's {@link StatsSnapshot} (JSON). */
    public static final String KEY = "stats.calls";

    /** Longest example reason kept per dead-letter code (the dead-letter output has every reason in full). */
    static final int EXAMPLE_CHARS = 300;

    private final LongSupplier clock;
    private final CallObserver alsoTell;
    private final WarmUp warmUp;
    private final Map<String, Live> backends = new ConcurrentHashMap<>();
    private TimeSeries.Builder completed = new TimeSeries.Builder();
    private TimeSeries.Builder deadLettered = new TimeSeries.Builder();
    private final Map<String, StatsSnapshot.CodeCount> deadLetterCodes = new TreeMap<>();
    private Long steadyStartMillis;
    private long steadyItems;

    public SliceStats() {
        this(System::currentTimeMillis, CallObserver.NONE);
    }

    public SliceStats(WarmUp warmUp) {
        this(System::currentTimeMillis, CallObserver.NONE, warmUp);
    }

    /**
     * @param clock    epoch milliseconds (tests pass their own)
     * @param alsoTell told about every attempt too (live metrics of this JVM)
     */
    public SliceStats(LongSupplier clock, CallObserver alsoTell) {
        this(clock, alsoTell, WarmUp.firstCommit(clock.getAsLong()));
    }

    /** @param warmUp when this slice's steady state starts (shared by the run's slices in this JVM) */
    public SliceStats(LongSupplier clock, CallObserver alsoTell, WarmUp warmUp) {
        this.clock = clock;
        this.alsoTell = alsoTell;
        this.warmUp = warmUp;
    }

    /**
     * An observer bound to this object itself. Hand this, not a step-scoped proxy, to code that calls back from other
     * threads: a proxy resolves its target from the calling thread's step context, which backend threads do not have.
     * (Not {@code this}: Spring's proxies hand a returned {@code this} back as the proxy.)
     */
    public CallObserver observer() {
        return this::onAttempt;
    }

    @Override
    public void onAttempt(String backend, long latencyNanos, CallOutcome outcome, int attempt) {
        long now = clock.getAsLong();
        backends.computeIfAbsent(backend, name -> new Live(BackendCalls.empty()))
                .record(now, latencyNanos, outcome, attempt, warmUp.over(now));
        alsoTell.onAttempt(backend, latencyNanos, outcome, attempt);
    }

    @Override
    public void afterWrite(Chunk<? extends ItemOutcome> chunk) {
        long now = clock.getAsLong();
        long dead = 0;
        boolean steady = warmUp.over(now); // before this chunk counts: the chunk that ends the warm-up is part of it
        synchronized (this) {
            for (ItemOutcome outcome : chunk) {
                if (outcome instanceof ItemOutcome.DeadLettered d) {
                    dead++;
                    deadLetterCodes.merge(
                            String.valueOf(d.code()),
                            new StatsSnapshot.CodeCount(1, example(d.reason())),
                            (a, b) -> new StatsSnapshot.CodeCount(a.count() + 1, a.example()));
                }
            }
            completed.add(now, chunk.size());
            if (dead > 0) {
                deadLettered.add(now, dead);
            }
            if (steady) {
                steadyItems += chunk.size();
            }
        }
        warmUp.committed(chunk.size(), now);
        synchronized (this) {
            if (steadyStartMillis == null && warmUp.endMillis() >= 0) {
                steadyStartMillis = warmUp.endMillis();
            }
        }
    }

    @Override
    public void open(ExecutionContext context) {
        StatsSnapshot saved = from(context);
        synchronized (this) {
            completed = new TimeSeries.Builder(saved.completed());
            deadLettered = new TimeSeries.Builder(saved.deadLettered());
            deadLetterCodes.clear();
            deadLetterCodes.putAll(saved.deadLetterCodes());
            steadyStartMillis = saved.steadyStartMillis();
            steadyItems = saved.steadyItems();
        }
        backends.clear();
        saved.backends().forEach((name, calls) -> backends.put(name, new Live(calls)));
    }

    @Override
    public void update(ExecutionContext context) {
        context.putString(KEY, Json.MAPPER.writeValueAsString(snapshot()));
    }

    public StatsSnapshot snapshot() {
        Map<String, BackendCalls> calls = new TreeMap<>();
        backends.forEach((name, live) -> calls.put(name, live.snapshot()));
        synchronized (this) {
            return new StatsSnapshot(
                    completed.snapshot(),
                    deadLettered.snapshot(),
                    calls,
                    deadLetterCodes,
                    steadyStartMillis,
                    steadyItems,
                    warmUp.describe());
        }
    }

    /** What a slice saved, or {@link StatsSnapshot#EMPTY} when it saved nothing yet (or ran before statistics existed). */
    public static StatsSnapshot from(ExecutionContext context) {
        String json = context.containsKey(KEY) ? context.getString(KEY) : null;
        return json == null ? StatsSnapshot.EMPTY : Json.MAPPER.readValue(json, StatsSnapshot.class);
    }

    private static String example(String reason) {
        if (reason == null) {
            return "";
        }
        return reason.length() <= EXAMPLE_CHARS ? reason : reason.substring(0, EXAMPLE_CHARS - 1) + "…";
    }

    /** One backend's numbers, recorded under its own lock. */
    private static final class Live {

        private long calls, successes, retries, throttled, timeouts, transientFailures, permanentFailures;
        private final Histogram latency;
        private final Histogram steadyLatency;
        private final TimeSeries.Builder busy;

        Live(BackendCalls from) {
            calls = from.calls();
            successes = from.successes();
            retries = from.retries();
            throttled = from.throttled();
            timeouts = from.timeouts();
            transientFailures = from.transientFailures();
            permanentFailures = from.permanentFailures();
            latency = from.histogram();
            steadyLatency = from.steadyHistogram();
            busy = new TimeSeries.Builder(from.busyMillis());
        }

        synchronized void record(long nowMillis, long latencyNanos, CallOutcome outcome, int attempt, boolean steady) {
            calls++;
            if (attempt > 1) {
                retries++;
            }
            switch (outcome) {
                case SUCCESS -> {
                    successes++;
                    long micros = Math.max(1, Math.min(BackendCalls.MAX_MICROS, latencyNanos / 1000));
                    latency.recordValue(micros);
                    if (steady) {
                        steadyLatency.recordValue(micros);
                    }
                }
                case THROTTLED -> throttled++;
                case TIMEOUT -> timeouts++;
                case TRANSIENT -> transientFailures++;
                case PERMANENT -> permanentFailures++;
            }
            busy.addBusy(nowMillis - latencyNanos / 1_000_000, nowMillis);
        }

        synchronized BackendCalls snapshot() {
            return new BackendCalls(
                    calls,
                    successes,
                    retries,
                    throttled,
                    timeouts,
                    transientFailures,
                    permanentFailures,
                    BackendCalls.encode(latency),
                    busy.snapshot(),
                    BackendCalls.encode(steadyLatency));
        }
    }
}
