package io.aibatch.report;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The report that closes every run ({@code report.json}). Field names are a documented contract
 * (see the README); add fields, don't rename them.
 *
 * @param wallSeconds    time the run's executions were running, summed over restarts
 * @param itemsPerSecond items read per wall second
 */
public record RunReport(String runId, String job, String status, String input, String output, int executions,
                        Instant startTime, Instant endTime, double wallSeconds, double itemsPerSecond,
                        Items items, Units units, List<SliceSummary> slices,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Routing routing,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Sink sink) {

    /** @param read items taken from the manifest whose outcome is committed: read = written + deadLettered */
    public record Items(long total, long read, long written, long deadLettered) {
    }

    public record Units(long bytes, long pages, double audioSeconds, long tokensIn, long tokensOut, double pagesPerSecond) {
    }

    /**
     * Where content went (jobs whose results record routing only).
     *
     * @param items             results with a routing record
     * @param restricted        of those, restricted items
     * @param restrictedToCloud restricted items a CLOUD engine saw: must be 0 (the engines refuse; this is the audit's check)
     * @param reasons           restricted items per reason ({@code label:hr-record}, {@code tfn}, ...)
     * @param engines           per engine: its locality and how many items' content it saw
     */
    public record Routing(long items, long restricted, long unrestricted, long restrictedToCloud, Map<String, Long> reasons,
                          Map<String, EngineCount> engines) {
    }

    public record EngineCount(String locality, long items) {
    }

    /** What a database result sink cost: {@code requestCharge} in request units (Cosmos DB RU). */
    public record Sink(double requestCharge) {
    }

    public record SliceSummary(String slice, String status, long items, long written, long deadLettered) {
    }
}
