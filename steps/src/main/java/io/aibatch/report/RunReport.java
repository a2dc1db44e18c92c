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
public record RunReport(
        String runId,
        String job,
        String status,
        String input,
        String output,
        int executions,
        Instant startTime,
        Instant endTime,
        double wallSeconds,
        double itemsPerSecond,
        Items items,
        Units units,
        List<SliceSummary> slices,
        @JsonInclude(JsonInclude.Include.NON_NULL) Routing routing,
        @JsonInclude(JsonInclude.Include.NON_NULL) Sink sink,
        Map<String, Backend> backends,
        Timeline timeline,
        @JsonInclude(JsonInclude.Include.NON_NULL) io.aibatch.cost.RunCost cost,
        @JsonInclude(JsonInclude.Include.NON_NULL) io.aibatch.cost.PricesUsed prices,
        DeadLetters deadLetters,
        @JsonInclude(JsonInclude.Include.NON_NULL) SteadyState steadyState,
        @JsonInclude(JsonInclude.Include.NON_NULL) Budget budget,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> skipped) {

    public RunReport {
        units = units == null ? Units.NONE : units;
        backends = backends == null ? Map.of() : backends;
        timeline = timeline == null ? Timeline.EMPTY : timeline;
        deadLetters = deadLetters == null ? DeadLetters.NONE : deadLetters;
        skipped = skipped == null ? Map.of() : skipped;
    }

    /**
     * Without dead-letter codes, steady state, budget and {@code skipped} (reports written before they existed read back
     * this way too).
     */
    public RunReport(
            String runId,
            String job,
            String status,
            String input,
            String output,
            int executions,
            Instant startTime,
            Instant endTime,
            double wallSeconds,
            double itemsPerSecond,
            Items items,
            Units units,
            List<SliceSummary> slices,
            Routing routing,
            Sink sink,
            Map<String, Backend> backends,
            Timeline timeline,
            io.aibatch.cost.RunCost cost,
            io.aibatch.cost.PricesUsed prices) {
        this(
                runId,
                job,
                status,
                input,
                output,
                executions,
                startTime,
                endTime,
                wallSeconds,
                itemsPerSecond,
                items,
                units,
                slices,
                routing,
                sink,
                backends,
                timeline,
                cost,
                prices,
                null,
                null,
                null,
                Map.of());
    }

    /** This report with what the listing skipped, by reason (symlink-outside-input, special-file, ...). */
    public RunReport withSkipped(Map<String, Long> skipped) {
        return new RunReport(
                runId,
                job,
                status,
                input,
                output,
                executions,
                startTime,
                endTime,
                wallSeconds,
                itemsPerSecond,
                items,
                units,
                slices,
                routing,
                sink,
                backends,
                timeline,
                cost,
                prices,
                deadLetters,
                steadyState,
                budget,
                skipped);
    }

    /** The walking skeleton's fields only (no backend statistics, timeline or cost). */
    public RunReport(
            String runId,
            String job,
            String status,
            String input,
            String output,
            int executions,
            Instant startTime,
            Instant endTime,
            double wallSeconds,
            double itemsPerSecond,
            Items items,
            Units units,
            List<SliceSummary> slices,
            Routing routing,
            Sink sink) {
        this(
                runId,
                job,
                status,
                input,
                output,
                executions,
                startTime,
                endTime,
                wallSeconds,
                itemsPerSecond,
                items,
                units,
                slices,
                routing,
                sink,
                Map.of(),
                Timeline.EMPTY,
                null,
                null);
    }

    /** This report with its cost and the prices that made it. */
    public RunReport withCost(io.aibatch.cost.RunCost cost, io.aibatch.cost.PricesUsed prices) {
        return new RunReport(
                runId,
                job,
                status,
                input,
                output,
                executions,
                startTime,
                endTime,
                wallSeconds,
                itemsPerSecond,
                items,
                units,
                slices,
                routing,
                sink,
                backends,
                timeline,
                cost,
                prices,
                deadLetters,
                steadyState,
                budget,
                skipped);
    }

    /** This report with its budget. */
    public RunReport withBudget(Budget budget) {
        return new RunReport(
                runId,
                job,
                status,
                input,
                output,
                executions,
                startTime,
                endTime,
                wallSeconds,
                itemsPerSecond,
                items,
                units,
                slices,
                routing,
                sink,
                backends,
                timeline,
                cost,
                prices,
                deadLetters,
                steadyState,
                budget,
                skipped);
    }

    /**
     * {@code --budget-usd}: the ceiling and what counts against it.
     *
     * @param spentUsd      cluster (where priced) + metering + API spend so far
     * @param projectedUsd  spent + the spend of items in flight when the run was checked (at a stop: when it was stopped)
     * @param clusterPriced false: the cluster counted as 0 (no node pool configured or sampled)
     * @param stopReason    {@code budget} when the run was stopped because the projection would exceed the ceiling
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Budget(
            double limitUsd,
            double spentUsd,
            double projectedUsd,
            boolean clusterPriced,
            String stopReason,
            String note) {}

    /** The rate the summary reports next to the wall-clock average: steady state if known, else the average. */
    public double steadyOrAverageItemsPerSecond() {
        return steadyState != null && steadyState.itemsPerSecond() != null
                ? steadyState.itemsPerSecond()
                : itemsPerSecond;
    }

    /**
     * Dead-lettered items by code ({@code deadLetters.byCode} in report.json).
     *
     * @param byCode per code: how many items, and the reason of one of them
     */
    public record DeadLetters(Map<String, DeadLetterCode> byCode) {
        public static final DeadLetters NONE = new DeadLetters(Map.of());

        public DeadLetters {
            byCode = byCode == null ? Map.of() : byCode;
        }
    }

    public record DeadLetterCode(long count, String example) {}

    /**
     * The run after its warm-up (process start, model loading, the first in-flight window): what it does once running.
     *
     * @param warmUp         the warm-up rule in words ("until the first committed item", "the first 20 committed items")
     * @param startTime      when the warm-up ended (the earliest over processes)
     * @param warmUpSeconds  from the run's start to the end of the warm-up
     * @param warmUpItems    items committed during the warm-up
     * @param items          items committed after it
     * @param itemsPerSecond items after the warm-up per wall second after it; null when no item was committed after it
     */
    public record SteadyState(
            String warmUp,
            Instant startTime,
            double warmUpSeconds,
            long warmUpItems,
            long items,
            Double itemsPerSecond) {}

    /** @param read items taken from the manifest whose outcome is committed: read = written + deadLettered */
    public record Items(long total, long read, long written, long deadLettered) {}

    /**
     * What the items consumed and produced ({@code units} in report.json): their bytes, every unit by name (the ones cloud
     * services bill by and any a job defines, e.g. {@code fieldsExtracted}) and pages per wall second. In JSON one flat
     * object; {@link #ALWAYS} are always there (0 when unused), so scripts reading them keep working.
     *
     * @param quantities every unit the run's items produced, by name
     */
    public record Units(long bytes, Map<String, Double> quantities, double pagesPerSecond) {

        /** The units report.json always had, listed even when 0. */
        public static final List<String> ALWAYS = List.of(
                io.aibatch.pipeline.Units.PAGES,
                io.aibatch.pipeline.Units.AUDIO_SECONDS,
                io.aibatch.pipeline.Units.TOKENS_IN,
                io.aibatch.pipeline.Units.TOKENS_OUT,
                io.aibatch.pipeline.Units.CLOUD_TOKENS_IN,
                io.aibatch.pipeline.Units.CLOUD_TOKENS_OUT);

        private static final String BYTES = "bytes", PAGES_PER_SECOND = "pagesPerSecond";

        public Units {
            quantities = quantities == null ? Map.of() : new io.aibatch.pipeline.Units(quantities).quantities();
        }

        public static final Units NONE = new Units(0, Map.of(), 0);

        /** The amount of {@code unit}, 0 when the run produced none. */
        public double get(String unit) {
            return quantities.getOrDefault(unit, 0.0);
        }

        /** {@link #ALWAYS} and every other unit the run produced, in that order. */
        public java.util.Set<String> names() {
            java.util.Set<String> names = new java.util.LinkedHashSet<>(ALWAYS);
            names.addAll(new java.util.TreeSet<>(quantities.keySet()));
            return names;
        }

        public long pages() {
            return Math.round(get(io.aibatch.pipeline.Units.PAGES));
        }

        public double audioSeconds() {
            return get(io.aibatch.pipeline.Units.AUDIO_SECONDS);
        }

        public long tokensIn() {
            return Math.round(get(io.aibatch.pipeline.Units.TOKENS_IN));
        }

        public long tokensOut() {
            return Math.round(get(io.aibatch.pipeline.Units.TOKENS_OUT));
        }

        public long cloudTokensIn() {
            return Math.round(get(io.aibatch.pipeline.Units.CLOUD_TOKENS_IN));
        }

        public long cloudTokensOut() {
            return Math.round(get(io.aibatch.pipeline.Units.CLOUD_TOKENS_OUT));
        }

        /** report.json's flat object: bytes, every unit (whole amounts as integers, as before), pagesPerSecond. */
        @com.fasterxml.jackson.annotation.JsonValue
        Map<String, Number> json() {
            Map<String, Number> json = new java.util.LinkedHashMap<>();
            json.put(BYTES, bytes);
            for (String unit : names()) {
                double amount = get(unit);
                json.put(
                        unit,
                        amount == Math.rint(amount) && Math.abs(amount) < 1e15
                                ? (Number) Math.round(amount)
                                : (Number) amount);
            }
            json.put(PAGES_PER_SECOND, pagesPerSecond);
            return json;
        }

        @com.fasterxml.jackson.annotation.JsonCreator(
                mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
        static Units fromJson(Map<String, Double> json) {
            Map<String, Double> quantities = new java.util.TreeMap<>(json);
            Double bytes = quantities.remove(BYTES);
            Double pagesPerSecond = quantities.remove(PAGES_PER_SECOND);
            quantities.values().removeIf(java.util.Objects::isNull);
            return new Units(
                    bytes == null ? 0 : bytes.longValue(), quantities, pagesPerSecond == null ? 0 : pagesPerSecond);
        }
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
    public record Routing(
            long items,
            long restricted,
            long unrestricted,
            long restrictedToCloud,
            Map<String, Long> reasons,
            Map<String, EngineCount> engines) {}

    public record EngineCount(String locality, long items) {}

    /** What a database result sink cost: {@code requestCharge} in request units (Cosmos DB RU). */
    public record Sink(double requestCharge) {}

    public record SliceSummary(String slice, String status, long items, long written, long deadLettered) {}

    /**
     * One backend over the whole run (every slice's attempts merged).
     *
     * @param calls     attempts, retries included
     * @param retries   attempts after an item's first
     * @param throttled 429s (and 503s with Retry-After)
     * @param failures  timeouts + transient + permanent
     * @param latencyMs       of successful attempts
     * @param steadyLatencyMs of successful attempts after the warm-up ({@link SteadyState})
     * @param busyShare       busy time over the run's wall time: the mean number of calls in progress (1.0 = one call in
     *                        progress all the time), the same for an embedded engine as for a remote backend
     */
    public record Backend(
            long calls,
            long successes,
            long retries,
            long throttled,
            long timeouts,
            @com.fasterxml.jackson.annotation.JsonProperty("transient") long transientFailures,
            @com.fasterxml.jackson.annotation.JsonProperty("permanent") long permanentFailures,
            long failures,
            Latency latencyMs,
            Concurrency concurrency,
            @JsonInclude(JsonInclude.Include.NON_NULL) Latency steadyLatencyMs,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double busyShare) {

        public Backend(
                long calls,
                long successes,
                long retries,
                long throttled,
                long timeouts,
                long transientFailures,
                long permanentFailures,
                long failures,
                Latency latencyMs,
                Concurrency concurrency) {
            this(
                    calls,
                    successes,
                    retries,
                    throttled,
                    timeouts,
                    transientFailures,
                    permanentFailures,
                    failures,
                    latencyMs,
                    concurrency,
                    null,
                    null);
        }
    }

    /**
     * Latency percentiles in milliseconds (HdrHistogram, within 1 %).
     *
     * @param distribution the latency at each of {@link Latency#DISTRIBUTION_PERCENTILES}, for charts
     */
    public record Latency(
            long count,
            double p50,
            double p90,
            double p95,
            double p99,
            double max,
            double mean,
            List<Percentile> distribution) {
        public static final double[] DISTRIBUTION_PERCENTILES = {0, 10, 25, 50, 75, 90, 95, 99, 99.9, 100};
    }

    public record Percentile(double percentile, double ms) {}

    /**
     * Calls in progress at once, from the attempts' (end - latency, end) intervals.
     *
     * @param mean          busy time / time from the first to the last bucket with any activity
     * @param peak          the highest bucket average
     * @param startTime     start of the first bucket
     * @param bucketSeconds width of each bucket
     * @param series        average calls in progress per bucket
     */
    public record Concurrency(double mean, double peak, Instant startTime, long bucketSeconds, List<Double> series) {}

    /**
     * Items whose outcome was committed, over time (what the throughput chart draws).
     *
     * @param completed    written + dead-lettered per bucket
     * @param deadLettered dead-lettered per bucket
     */
    public record Timeline(Instant startTime, long bucketSeconds, List<Long> completed, List<Long> deadLettered) {
        public static final Timeline EMPTY =
                new Timeline(null, io.aibatch.report.TimeSeries.BASE_SECONDS, List.of(), List.of());
    }
}
