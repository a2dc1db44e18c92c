package io.aibatch.runtime;

import io.aibatch.report.RunReport;
import io.aibatch.report.RunReportBuilder;
import io.aibatch.runtime.kubernetes.NodePoolSampler;
import io.aibatch.store.Locations;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Writes {@code report.json} at the end of every execution, whatever its status, so a failed or
 * stopped run also says how far it got.
 */
public final class RunReportListener implements JobExecutionListener {

    public static final String REPORT = "report.json";
    private static final Logger log = LoggerFactory.getLogger(RunReportListener.class);

    private final JobRepository jobRepository;
    private final RunReportBuilder builder;
    private final RunCosts costs;
    private final NodePoolSampler sampler;
    private final RunMonitor monitor;
    private final BudgetGuard budget;

    public RunReportListener(
            JobRepository jobRepository,
            String workerStepName,
            RunCosts costs,
            NodePoolSampler sampler,
            RunMonitor monitor) {
        this(jobRepository, workerStepName, costs, sampler, monitor, null);
    }

    /** @param budget enforces {@code --budget-usd} while the run lasts (null: none) */
    public RunReportListener(
            JobRepository jobRepository,
            String workerStepName,
            RunCosts costs,
            NodePoolSampler sampler,
            RunMonitor monitor,
            BudgetGuard budget) {
        this.budget = budget;
        this.monitor = monitor;
        this.jobRepository = jobRepository;
        this.builder = new RunReportBuilder(workerStepName);
        this.costs = costs;
        this.sampler = sampler;
    }

    /** The run's report as of now (every slice's committed numbers), priced. */
    public RunReport current(JobExecution jobExecution) {
        return snapshot(jobExecution).report();
    }

    /**
     * The run's report as of now, priced, and what it committed beyond it: in {@code --cloud-llm-mode batch}, the
     * requests waiting for a cloud batch at their estimated batch spend.
     */
    BudgetGuard.Snapshot snapshot(JobExecution jobExecution) {
        RunParameters run = RunParameters.from(jobExecution.getJobParameters());
        List<JobExecution> executions = jobRepository.getJobExecutions(jobExecution.getJobInstance());
        RunReport report = builder.build(run.runId(), executions, jobExecution, Instant.now());
        RunReport priced = costs.price(report, run, sampler.usage(run));
        BudgetGuard.Committed committed = BudgetGuard.Committed.NONE;
        if (budget != null && BudgetGuard.limit(run) != null && CloudBatch.enabled(run)) {
            OpenBatchRequests open = OpenBatchRequests.of(executions);
            committed = new BudgetGuard.Committed(open.items(), costs.openBatchSpend(report.job(), run, open));
        }
        return new BudgetGuard.Snapshot(
                budget == null ? priced : priced.withBudget(budget.assess(jobExecution, priced, committed)), committed);
    }

    @Override
    public void beforeJob(JobExecution jobExecution) {
        RunParameters run = RunParameters.from(jobExecution.getJobParameters());
        sampler.start(run.runId());
        // the slices' numbers come from the repository (slices may run in other processes and pods)
        monitor.start(run.runId(), jobExecution.getJobInstance().getJobName(), () -> current(jobExecution));
        if (budget != null) {
            budget.watch(jobExecution, () -> snapshot(jobExecution));
        }
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        RunParameters run = RunParameters.from(jobExecution.getJobParameters());
        sampler.stop(run.runId());
        if (budget != null) {
            budget.unwatch(jobExecution);
        }
        RunReport report = null;
        try {
            report = current(jobExecution);
            RunReportFiles.write(Locations.output(run.files()), report);
            log.info(
                    "run {} {}: {} items read, {} written, {} dead-lettered in {} s ({} items/s); report in {} (report.json, .md, .html)",
                    run.runId(),
                    report.status(),
                    report.items().read(),
                    report.items().written(),
                    report.items().deadLettered(),
                    report.wallSeconds(),
                    report.itemsPerSecond(),
                    run.files());
            log.info("{}", io.aibatch.report.render.RunReportDocument.answer(report));
        } catch (Exception e) {
            // the run's own status must not be changed by a reporting problem; say so loudly instead
            log.error("could not write the report of run {} to {}", run.runId(), run.files(), e);
        } finally {
            monitor.finish(report); // last progress line, final metrics and push; null: just stop watching
        }
    }
}
