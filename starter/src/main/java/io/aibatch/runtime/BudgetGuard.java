package io.aibatch.runtime;

import io.aibatch.pipeline.ItemOutcome;
import io.aibatch.report.RunReport;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * {@code --budget-usd X}: stops a run (STOPPED, exit 3, reason {@code budget}) before its projected spend would exceed
 * X. The projection, checked every {@code interval}, is what is priced so far — the cluster where it is priced (an
 * unpriced cluster counts as 0, and the report says so), the committed metering and API spend — plus the spend of the
 * items that may still be sent or completed before the stop takes effect, at the spend per item so far: per slice its
 * in-flight window, the rest of its chunk (a stop takes effect at a chunk boundary) and the chunk it may commit before
 * a check sees its last one; on the timer, also what the run completes until the next check at its current rate.
 * Requests already sent cannot be called back, so they count in advance: the stop comes early rather than late. In
 * {@code --cloud-llm-mode batch} that includes the requests waiting for a cloud batch and not yet collected
 * ({@link OpenBatchRequests}: deferred by a slice, in an open batch or about to be), at their estimated tokens and the
 * batch prices: their spend is only committed when {@code collect} reads the batch's usage, but a created batch cannot
 * be called back, and counting them as they are deferred stops a slice before it closes and creates its batch.
 * {@code restart --budget-usd Y} continues with a higher ceiling.
 */
public final class BudgetGuard {

    /** Run option: the ceiling in USD. */
    public static final String OPTION = "budgetUsd";

    public static final String REASON = "budget";
    private static final Logger log = LoggerFactory.getLogger(BudgetGuard.class);

    private final JobOperator jobOperator;
    private final int inFlightPerSlice;
    private final long intervalMillis;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "budget-guard");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Long, Watch> watched = new ConcurrentHashMap<>();

    /**
     * What the run will spend on requests already on their way but not yet in its report's spend: requests waiting for
     * a cloud batch.
     *
     * @param items requests waiting (not counted as read in the report)
     * @param usd   their estimated spend
     */
    public record Committed(long items, double usd) {
        public static final Committed NONE = new Committed(0, 0);
    }

    /** The run's report as of now and what it has committed beyond it. */
    public record Snapshot(RunReport report, Committed committed) {}

    private record Watch(ScheduledFuture<?> timer, Supplier<Snapshot> current, double limit, long inFlight) {}

    private final Map<Long, RunReport.Budget> stopped = new ConcurrentHashMap<>();

    /** @param inFlightPerSlice items a slice may still complete after a check lets it go on: its window plus two chunks */
    public BudgetGuard(JobOperator jobOperator, int inFlightPerSlice, long intervalMillis) {
        this.jobOperator = jobOperator;
        this.inFlightPerSlice = inFlightPerSlice;
        this.intervalMillis = intervalMillis;
    }

    /** The ceiling of a run, or null when it has none; a ceiling that is not a positive number is refused. */
    public static Double limit(RunParameters run) {
        String value = run.option(OPTION);
        if (value == null) {
            return null;
        }
        double limit;
        try {
            limit = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--budget-usd must be a number of US dollars, got '" + value + "'");
        }
        if (!(limit > 0) || Double.isInfinite(limit)) {
            throw new IllegalArgumentException("--budget-usd must be more than 0, got " + value);
        }
        return limit;
    }

    /** Watches a starting execution when its run has a budget: its report and what it committed beyond it. */
    public void watch(JobExecution execution, Supplier<Snapshot> current) {
        RunParameters run = RunParameters.from(execution.getJobParameters());
        Double limit = limit(run);
        if (limit == null) {
            return;
        }
        long inFlight = (long) run.partitions() * inFlightPerSlice;
        // checked after every chunk (afterEachChunk) and, for slices in other processes and long waits, every interval
        watched.put(
                execution.getId(),
                new Watch(
                        timer.scheduleWithFixedDelay(
                                () -> {
                                    try {
                                        Snapshot snapshot = current.get();
                                        // what completes before the next check, at the current rate (with room for the
                                        // check itself)
                                        long untilNextCheck = (long)
                                                Math.ceil(snapshot.report().steadyOrAverageItemsPerSecond()
                                                        * intervalMillis
                                                        * 2
                                                        / 1000.0);
                                        check(execution, snapshot, limit, inFlight + untilNextCheck);
                                    } catch (
                                            RuntimeException
                                                    e) { // a failed check must not end the watch: the next one tries
                                        // again
                                        log.warn(
                                                "budget check of job execution {} failed: {}",
                                                execution.getId(),
                                                e.toString());
                                    }
                                },
                                intervalMillis,
                                intervalMillis,
                                TimeUnit.MILLISECONDS),
                        current,
                        limit,
                        inFlight));
    }

    /**
     * Checks after each chunk a slice of this process writes, on the slice's thread: the run-wide spend committed so far
     * plus every slice's window and chunk, so the stop comes before what is already sent could pass the ceiling.
     */
    public ChunkListener<ItemOutcome, ItemOutcome> afterEachChunk() {
        return new ChunkListener<>() {
            @Override
            public void afterChunk(Chunk<ItemOutcome> chunk) {
                StepContext context = StepSynchronizationManager.getContext();
                Watch watch = context == null
                        ? null
                        : watched.get(context.getStepExecution().getJobExecutionId());
                if (watch != null) {
                    try {
                        check(
                                context.getStepExecution().getJobExecution(),
                                watch.current().get(),
                                watch.limit(),
                                watch.inFlight());
                    } catch (RuntimeException e) {
                        log.warn("budget check after a chunk failed: {}", e.toString());
                    }
                }
            }
        };
    }

    public void unwatch(JobExecution execution) {
        Watch watch = watched.remove(execution.getId());
        if (watch != null) {
            watch.timer().cancel(false);
        }
    }

    /**
     * The budget as the report shows it: null without one; the reason is {@code budget} when this guard stopped the run.
     *
     * @param committed what the run committed beyond its report (requests waiting for a cloud batch)
     */
    public RunReport.Budget assess(JobExecution execution, RunReport priced, Committed committed) {
        Double limit = limit(RunParameters.from(execution.getJobParameters()));
        if (limit == null) {
            return null;
        }
        RunReport.Budget budget = assess(priced, limit, 0, committed);
        RunReport.Budget stop = stopped.get(execution.getId());
        return stop == null
                ? budget
                : new RunReport.Budget(
                        limit, budget.spentUsd(), stop.projectedUsd(), budget.clusterPriced(), REASON, budget.note());
    }

    /**
     * @param inFlightItems items that may be in flight; the spend per item so far is projected onto those not yet committed
     * @param committed requests on their way whose spend the report does not have yet (waiting for a cloud batch): their
     *                  estimated spend counts in full, and their items count as handled for the spend per item
     */
    static RunReport.Budget assess(RunReport priced, double limit, long inFlightItems, Committed committed) {
        var cost = priced.cost();
        boolean clusterPriced = cost != null && cost.clusterPriced();
        double cluster = clusterPriced ? cost.cluster().total() : 0;
        double spend = cost == null ? 0 : cost.apiSpendTotal();
        long handled = priced.items().read() + committed.items();
        long remaining = Math.max(0, priced.items().total() - handled);
        double perItem = handled > 0 ? (spend + committed.usd()) / handled : 0;
        double projected = cluster + spend + committed.usd() + perItem * Math.min(remaining, inFlightItems);
        String note = clusterPriced
                ? "cluster, metering and API spend as priced"
                : "the cluster is not priced (no node pool configured or sampled) and counts as 0 here; only metering and API spend are counted";
        if (committed.items() > 0) {
            note += "; projected includes %d request(s) waiting for a cloud batch, estimated at $%s at the batch prices"
                    .formatted(committed.items(), round(committed.usd()));
        }
        return new RunReport.Budget(limit, round(cluster + spend), round(projected), clusterPriced, null, note);
    }

    private void check(JobExecution execution, Snapshot snapshot, double limit, long inFlight) {
        try {
            RunReport.Budget budget = assess(snapshot.report(), limit, inFlight, snapshot.committed());
            if (budget.projectedUsd() > limit && stopped.putIfAbsent(execution.getId(), budget) == null) {
                log.warn(
                        "run {}: projected spend ${} (spent ${} + items in flight or waiting for a cloud batch) would exceed --budget-usd {}: stopping (reason budget; "
                                + "restart --budget-usd with a higher ceiling to continue)",
                        RunParameters.from(execution.getJobParameters()).runId(),
                        budget.projectedUsd(),
                        budget.spentUsd(),
                        limit);
                unwatch(execution);
                jobOperator.stop(execution);
            }
        } catch (Exception e) {
            log.warn("budget check of job execution {} failed: {}", execution.getId(), e.toString());
        }
    }

    private static double round(double value) {
        return Math.round(value * 10000) / 10000.0;
    }
}
