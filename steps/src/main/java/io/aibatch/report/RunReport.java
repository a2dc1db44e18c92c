package io.aibatch.report;

import java.time.Instant;
import java.util.List;

/**
 * The report that closes every run ({@code report.json}). Field names are a documented contract
 * (see the README); add fields, don't rename them.
 *
 * @param wallSeconds    time the run's executions were running, summed over restarts
 * @param itemsPerSecond items read per wall second
 */
public record RunReport(String runId, String job, String status, String input, String output, int executions,
                        Instant startTime, Instant endTime, double wallSeconds, double itemsPerSecond,
                        Items items, Units units, List<SliceSummary> slices) {

    /** @param read items taken from the manifest whose outcome is committed: read = written + deadLettered */
    public record Items(long total, long read, long written, long deadLettered) {
    }

    public record Units(long bytes, long pages, double audioSeconds, long tokensIn, long tokensOut, double pagesPerSecond) {
    }

    public record SliceSummary(String slice, String status, long items, long written, long deadLettered) {
    }
}
