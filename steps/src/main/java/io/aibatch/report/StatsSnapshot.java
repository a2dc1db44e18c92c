package io.aibatch.report;

import java.util.Map;
import java.util.TreeMap;

/**
 * The statistics of one slice, or of a whole run once merged: items completed over time, every backend's calls, the
 * dead-letters by code, and the steady state after the warm-up. This is what a slice keeps in its ExecutionContext (as
 * JSON under {@link SliceStats#KEY}).
 *
 * @param completed         items whose outcome was committed, per time bucket (written and dead-lettered)
 * @param deadLettered      dead-lettered items per time bucket
 * @param backends          per backend name
 * @param deadLetterCodes   per dead-letter code: how many, and one example reason
 * @param steadyStartMillis when the warm-up ended (epoch ms; the earliest over slices), or null while it lasts
 * @param steadyItems       items committed after the warm-up
 * @param warmUp            the warm-up rule in words
 */
public record StatsSnapshot(
        TimeSeries completed,
        TimeSeries deadLettered,
        Map<String, BackendCalls> backends,
        Map<String, CodeCount> deadLetterCodes,
        Long steadyStartMillis,
        long steadyItems,
        String warmUp) {

    public static final StatsSnapshot EMPTY = new StatsSnapshot(TimeSeries.EMPTY, TimeSeries.EMPTY, Map.of());

    /** @param example the reason of one item with this code */
    public record CodeCount(long count, String example) {
        CodeCount plus(CodeCount other) {
            return new CodeCount(count + other.count, example != null ? example : other.example);
        }
    }

    public StatsSnapshot {
        completed = completed == null ? TimeSeries.EMPTY : completed;
        deadLettered = deadLettered == null ? TimeSeries.EMPTY : deadLettered;
        backends = backends == null ? Map.of() : Map.copyOf(backends);
        deadLetterCodes = deadLetterCodes == null ? Map.of() : Map.copyOf(deadLetterCodes);
    }

    public StatsSnapshot(TimeSeries completed, TimeSeries deadLettered, Map<String, BackendCalls> backends) {
        this(completed, deadLettered, backends, Map.of(), null, 0, null);
    }

    public StatsSnapshot plus(StatsSnapshot other) {
        Map<String, BackendCalls> merged = new TreeMap<>(backends);
        other.backends.forEach((name, calls) -> merged.merge(name, calls, BackendCalls::plus));
        Map<String, CodeCount> codes = new TreeMap<>(deadLetterCodes);
        other.deadLetterCodes.forEach((code, count) -> codes.merge(code, count, CodeCount::plus));
        Long steadyStart = steadyStartMillis == null
                ? other.steadyStartMillis
                : other.steadyStartMillis == null
                        ? steadyStartMillis
                        : Long.valueOf(Math.min(steadyStartMillis, other.steadyStartMillis));
        return new StatsSnapshot(
                completed.plus(other.completed),
                deadLettered.plus(other.deadLettered),
                merged,
                codes,
                steadyStart,
                steadyItems + other.steadyItems,
                warmUp != null ? warmUp : other.warmUp);
    }
}
