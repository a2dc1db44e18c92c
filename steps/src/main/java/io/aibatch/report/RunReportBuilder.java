package io.aibatch.report;

import io.aibatch.plan.PlanTasklet;
import io.aibatch.plan.SlicePlan;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
        long written = 0, deadLettered = 0, bytes = 0, pages = 0, audioMillis = 0, tokensIn = 0, tokensOut = 0;
        List<RunReport.SliceSummary> slices = new ArrayList<>();
        Map<String, Long> extras = new TreeMap<>();
        for (Map.Entry<String, StepExecution> entry : latestPerSlice.entrySet()) {
            ExecutionContext context = entry.getValue().getExecutionContext();
            long sliceWritten = context.getLong(SliceCounters.WRITTEN, 0L);
            long sliceDead = context.getLong(SliceCounters.DEAD_LETTERED, 0L);
            written += sliceWritten;
            deadLettered += sliceDead;
            bytes += context.getLong(SliceCounters.BYTES, 0L);
            pages += context.getLong(SliceCounters.PAGES, 0L);
            audioMillis += context.getLong(SliceCounters.AUDIO_MILLIS, 0L);
            tokensIn += context.getLong(SliceCounters.TOKENS_IN, 0L);
            tokensOut += context.getLong(SliceCounters.TOKENS_OUT, 0L);
            SliceCounters.extras(context).forEach((name, value) -> extras.merge(name, value, Long::sum));
            slices.add(new RunReport.SliceSummary(entry.getKey(), entry.getValue().getStatus().name(),
                    context.getLong(io.aibatch.plan.SliceContext.ITEMS, 0L), sliceWritten, sliceDead));
        }
        long total = planTotal(current);
        long read = written + deadLettered;
        double itemsPerSecond = wallSeconds > 0 ? read / wallSeconds : 0;
        double pagesPerSecond = wallSeconds > 0 ? pages / wallSeconds : 0;
        var params = current.getJobParameters();
        return new RunReport(runId, current.getJobInstance().getJobName(), current.getStatus().name(),
                params.getString("input"), params.getString("output"),
                executions.size(), start, now, round(wallSeconds), round(itemsPerSecond),
                new RunReport.Items(total, read, written, deadLettered),
                new RunReport.Units(bytes, pages, audioMillis / 1000.0, tokensIn, tokensOut, round(pagesPerSecond)),
                slices, routing(extras), sink(extras));
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
                engines.put(localityAndEngine.substring(colon + 1),
                        new RunReport.EngineCount(localityAndEngine.substring(0, colon), value));
            }
        });
        return new RunReport.Routing(items, restricted, items - restricted,
                extras.getOrDefault(SliceCounters.ROUTING_RESTRICTED_TO_CLOUD, 0L), reasons, engines);
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

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static Instant instant(LocalDateTime time) {
        return time == null ? null : time.atZone(ZoneId.systemDefault()).toInstant();
    }
}
