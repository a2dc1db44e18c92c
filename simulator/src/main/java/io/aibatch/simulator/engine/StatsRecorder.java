package io.aibatch.simulator.engine;

import io.aibatch.simulator.BackendStats;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counters behind {@link BackendStats}. */
public final class StatsRecorder {

    private final LongAdder requests = new LongAdder();
    private final LongAdder polls = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final DoubleAdder units = new DoubleAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    public void request() {
        requests.increment();
    }

    public void poll() {
        polls.increment();
    }

    public void accepted() {
        accepted.increment();
    }

    public void throttled() {
        throttled.increment();
    }

    public void units(double n) {
        units.add(n);
    }

    public void error(String kind) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    public BackendStats snapshot(CapacityModel capacity) {
        Map<String, Long> e = new TreeMap<>();
        errors.forEach((k, v) -> e.put(k, v.sum()));
        return new BackendStats(
                requests.sum(),
                polls.sum(),
                accepted.sum(),
                throttled.sum(),
                e,
                capacity.maxInService(),
                units.sum(),
                capacity.inService(),
                capacity.queued());
    }

    public void reset() {
        requests.reset();
        polls.reset();
        accepted.reset();
        throttled.reset();
        units.reset();
        errors.clear();
    }
}
