package io.aibatch.report;

import io.aibatch.plan.PlanTasklet;
import io.aibatch.plan.SlicePlan;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Adds up a run from its job repository records: every execution of the run (restarts included)
 * and, per slice, the latest step execution, whose counters are cumulative.
 */
public final class RunReportBuilder {

    private final String workerStepName;

    public RunReportBuilder(String workerStepName) {
        this.workerStepName = workerStepName;
    }

    /**
     * @param executions every execution of the run as stored in the job repository (the slices' counters are read
     *                   from there, because slices may have run in other processes)
     * @param current    the execution that is ending, for its status and parameters
     */
    public RunReport build(String runId, List<JobExecution> executions, JobExecution current, Instant now) {
        Map<String, StepExecution> latestPerSlice = new TreeMap<>();
        double wallSeconds = 0;
        Instant start = null;
        for (JobExecution execution : executions) {
            boolean isCurrent = execution.getId() == current.getId();
            Instant started = instant(execution.getStartTime());
            Instant ended = isCurrent || execution.getEndTime() == null ? now : instant(execution.getEndTime());
            if (started != null) {
                wallSeconds += Duration.between(started, ended).toMillis() / 1000.0;
                start = start == null || started.isBefore(start) ? started : start;
            }
            for (StepExecution step : execution.getStepExecutions()) {
                String prefix = workerStepName + ":";
                if (step.getStepName().startsWith(prefix)) {
                    String slice = step.getStepName().substring(prefix.length());
                    latestPerSlice.merge(slice, step, (a, b) -> a.getId() > b.getId() ? a : b);
                }
            }
        }
        long written = 0, deadLettered = 0, bytes = 0;
        io.aibatch.pipeline.Units units = io.aibatch.pipeline.Units.NONE;
        List<RunReport.SliceSummary> slices = new ArrayList<>();
        Map<String, Long> extras = new TreeMap<>();
        StatsSnapshot stats = StatsSnapshot.EMPTY;
        for (Map.Entry<String, StepExecution> entry : latestPerSlice.entrySet()) {
            ExecutionContext context = entry.getValue().getExecutionContext();
            stats = stats.plus(SliceStats.from(context));
            long sliceWritten = context.getLong(SliceCounters.WRITTEN, 0L);
            long sliceDead = context.getLong(SliceCounters.DEAD_LETTERED, 0L);
            written += sliceWritten;
            deadLettered += sliceDead;
            bytes += context.getLong(SliceCounters.BYTES, 0L);
            units = units.plus(SliceCounters.units(context));
            SliceCounters.extras(context).forEach((name, value) -> extras.merge(name, value, Long::sum));
            slices.add(new RunReport.SliceSummary(
                    entry.getKey(),
                    entry.getValue().getStatus().name(),
                    context.getLong(io.aibatch.plan.SliceContext.ITEMS, 0L),
                    sliceWritten,
                    sliceDead));
        }
        long total = planTotal(current);
        long read = written + deadLettered;
        double itemsPerSecond = wallSeconds > 0 ? read / wallSeconds : 0;
        double pagesPerSecond = wallSeconds > 0 ? units.get(io.aibatch.pipeline.Units.PAGES) / wallSeconds : 0;
        var params = current.getJobParameters();
        return new RunReport(
                        runId,
                        current.getJobInstance().getJobName(),
                        current.getStatus().name(),
                        params.getString("input"),
                        params.getString("output"),
                        executions.size(),
                        start,
                        now,
                        round(wallSeconds),
                        round(itemsPerSecond),
                        new RunReport.Items(total, read, written, deadLettered),
                        new RunReport.Units(bytes, rounded(units), round(pagesPerSecond)),
                        slices,
                        routing(extras),
                        sink(extras),
                        backends(stats, wallSeconds),
                        timeline(stats),
                        null,
                        null,
                        deadLetters(stats),
                        steadyState(stats, start, now, read),
                        null,
                        Map.of())
                .withSkipped(io.aibatch.plan.PlanTasklet.skipped(current.getExecutionContext()));
    }

    private static RunReport.DeadLetters deadLetters(StatsSnapshot stats) {
        Map<String, RunReport.DeadLetterCode> byCode = new TreeMap<>();
        stats.deadLetterCodes()
                .forEach((code, count) ->
                        byCode.put(code, new RunReport.DeadLetterCode(count.count(), count.example())));
        return new RunReport.DeadLetters(byCode);
    }

    /** The run after its warm-up; null before any item was committed (or for slices saved before warm-up was kept). */
    static RunReport.SteadyState steadyState(StatsSnapshot stats, Instant start, Instant now, long read) {
        if (stats.steadyStartMillis() == null || start == null) {
            return null;
        }
        Instant steadyStart = Instant.ofEpochMilli(stats.steadyStartMillis());
        double warmUpSeconds = Math.max(0, Duration.between(start, steadyStart).toMillis() / 1000.0);
        double steadySeconds = Duration.between(steadyStart, now).toMillis() / 1000.0;
        long steadyItems = stats.steadyItems();
        Double rate = steadyItems > 0 && steadySeconds > 0 ? round(steadyItems / steadySeconds) : null;
        return new RunReport.SteadyState(
                stats.warmUp(), steadyStart, round(warmUpSeconds), Math.max(0, read - steadyItems), steadyItems, rate);
    }

    /** Every backend's merged attempts as the report shows them. */
    public static Map<String, RunReport.Backend> backends(StatsSnapshot stats) {
        return backends(stats, 0);
    }

    /** @param wallSeconds the run's wall time, for each backend's busy share (0: not known) */
    public static Map<String, RunReport.Backend> backends(StatsSnapshot stats, double wallSeconds) {
        Map<String, RunReport.Backend> backends = new TreeMap<>();
        stats.backends().forEach((name, calls) -> backends.put(name, backend(calls, wallSeconds)));
        return backends;
    }

    private static RunReport.Latency latency(Histogram histogram) {
        List<RunReport.Percentile> distribution = new ArrayList<>();
        if (histogram.getTotalCount() > 0) {
            for (double percentile : RunReport.Latency.DISTRIBUTION_PERCENTILES) {
                distribution.add(
                        new RunReport.Percentile(percentile, millis(histogram.getValueAtPercentile(percentile))));
            }
        }
        return new RunReport.Latency(
                histogram.getTotalCount(),
                percentileMs(histogram, 50),
                percentileMs(histogram, 90),
                percentileMs(histogram, 95),
                percentileMs(histogram, 99),
                histogram.getTotalCount() == 0 ? 0 : millis(histogram.getMaxValue()),
                histogram.getTotalCount() == 0 ? 0 : round(histogram.getMean() / 1000.0),
                distribution);
    }

    private static RunReport.Backend backend(BackendCalls calls, double wallSeconds) {
        RunReport.Latency latency = latency(calls.histogram());
        Histogram steady = calls.steadyHistogram();
        Double busyShare = wallSeconds > 0 ? round(calls.busyMillis().total() / 1000.0 / wallSeconds) : null;
        return new RunReport.Backend(
                calls.calls(),
                calls.successes(),
                calls.retries(),
                calls.throttled(),
                calls.timeouts(),
                calls.transientFailures(),
                calls.permanentFailures(),
                calls.timeouts() + calls.transientFailures() + calls.permanentFailures(),
                latency,
                concurrency(calls.busyMillis()),
                steady.getTotalCount() == 0 ? null : latency(steady),
                busyShare);
    }

    private static RunReport.Concurrency concurrency(TimeSeries busyMillis) {
        if (busyMillis.isEmpty()) {
            return new RunReport.Concurrency(0, 0, null, busyMillis.bucketSeconds(), List.of());
        }
        double bucketMillis = busyMillis.bucketSeconds() * 1000.0;
        List<Double> series = new ArrayList<>();
        int first = -1, last = -1;
        long[] values = busyMillis.values();
        for (int i = 0; i < values.length; i++) {
            series.add(round(values[i] / bucketMillis));
            if (values[i] > 0) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        double activeMillis = first < 0 ? 0 : (last - first + 1) * bucketMillis;
        double mean = activeMillis == 0 ? 0 : busyMillis.total() / activeMillis;
        return new RunReport.Concurrency(
                round(mean),
                round(busyMillis.max() / bucketMillis),
                Instant.ofEpochSecond(busyMillis.startSecond()),
                busyMillis.bucketSeconds(),
                series);
    }

    /** Completed and dead-lettered items on one time axis. */
    public static RunReport.Timeline timeline(StatsSnapshot stats) {
        TimeSeries completed = stats.completed();
        if (completed.isEmpty()) {
            return RunReport.Timeline.EMPTY;
        }
        long width = Math.max(completed.bucketSeconds(), stats.deadLettered().bucketSeconds());
        TimeSeries all = completed.widen(width);
        TimeSeries dead = stats.deadLettered().widen(width);
        List<Long> completedList = new ArrayList<>();
        List<Long> deadList = new ArrayList<>();
        for (int i = 0; i < all.values().length; i++) {
            completedList.add(all.values()[i]);
            long second = all.startSecond() + i * width;
            int d = dead.isEmpty() ? -1 : (int) ((second - dead.startSecond()) / width);
            deadList.add(d >= 0 && d < dead.values().length ? dead.values()[d] : 0L);
        }
        return new RunReport.Timeline(Instant.ofEpochSecond(all.startSecond()), width, completedList, deadList);
    }

    private static double percentileMs(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : millis(histogram.getValueAtPercentile(percentile));
    }

    private static double millis(long micros) {
        return round(micros / 1000.0);
    }

    private static RunReport.Routing routing(Map<String, Long> extras) {
        long items = extras.getOrDefault(SliceCounters.ROUTING_ITEMS, 0L);
        if (items == 0) {
            return null;
        }
        long restricted = extras.getOrDefault(SliceCounters.ROUTING_RESTRICTED, 0L);
        Map<String, Long> reasons = new TreeMap<>();
        Map<String, RunReport.EngineCount> engines = new TreeMap<>();
        extras.forEach((name, value) -> {
            if (name.startsWith(SliceCounters.ROUTING_REASON)) {
                reasons.put(name.substring(SliceCounters.ROUTING_REASON.length()), value);
            } else if (name.startsWith(SliceCounters.ROUTING_ENGINE)) {
                String localityAndEngine = name.substring(SliceCounters.ROUTING_ENGINE.length());
                int colon = localityAndEngine.indexOf(':');
                engines.put(
                        localityAndEngine.substring(colon + 1),
                        new RunReport.EngineCount(localityAndEngine.substring(0, colon), value));
            }
        });
        return new RunReport.Routing(
                items,
                restricted,
                items - restricted,
                extras.getOrDefault(SliceCounters.ROUTING_RESTRICTED_TO_CLOUD, 0L),
                reasons,
                engines);
    }

    private static RunReport.Sink sink(Map<String, Long> extras) {
        Long milli = extras.get(SliceCounters.REQUEST_CHARGE_MILLI);
        return milli == null ? null : new RunReport.Sink(milli / 1000.0);
    }

    private static long planTotal(JobExecution execution) {
        String plan = execution.getExecutionContext().getString(PlanTasklet.PLAN_KEY, null);
        if (plan == null) {
            return 0;
        }
        SlicePlan slicePlan = PlanTasklet.parse(plan);
        return slicePlan.items();
    }

    /** Amounts to a thousandth, like the report's other numbers (sums of fractional units such as audio seconds). */
    private static Map<String, Double> rounded(io.aibatch.pipeline.Units units) {
        Map<String, Double> rounded = new TreeMap<>();
        units.quantities().forEach((unit, amount) -> rounded.put(unit, round(amount)));
        return rounded;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static Instant instant(LocalDateTime time) {
        return time == null ? null : time.atZone(ZoneId.systemDefault()).toInstant();
    }
}
