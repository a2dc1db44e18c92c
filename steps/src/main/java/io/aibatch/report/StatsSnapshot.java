package io.aibatch.report;

import java.util.Map;
import java.util.TreeMap;

/**
 * The statistics of one slice, or of a whole run once merged: items completed over time and every backend's calls.
 * This is what a slice keeps in its ExecutionContext (as JSON under {@link SliceStats#KEY}).
 *
 * @param completed    items whose outcome was committed, per time bucket (written and dead-lettered)
 * @param deadLettered dead-lettered items per time bucket
 * @param backends     per backend name
 */
public record StatsSnapshot(TimeSeries completed, TimeSeries deadLettered, Map<String, BackendCalls> backends) {

    public static final StatsSnapshot EMPTY = new StatsSnapshot(TimeSeries.EMPTY, TimeSeries.EMPTY, Map.of());

    public StatsSnapshot {
        completed = completed == null ? TimeSeries.EMPTY : completed;
        deadLettered = deadLettered == null ? TimeSeries.EMPTY : deadLettered;
        backends = backends == null ? Map.of() : Map.copyOf(backends);
    }

    public StatsSnapshot plus(StatsSnapshot other) {
        Map<String, BackendCalls> merged = new TreeMap<>(backends);
        other.backends.forEach((name, calls) -> merged.merge(name, calls, BackendCalls::plus));
        return new StatsSnapshot(completed.plus(other.completed), deadLettered.plus(other.deadLettered), merged);
    }
}
