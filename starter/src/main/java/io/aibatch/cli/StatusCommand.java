package io.aibatch.cli;

import io.aibatch.runtime.ExitCodes;

import io.aibatch.runtime.RunJobFactory;
import io.aibatch.runtime.RunLauncher;
import io.aibatch.runtime.RunParameters;
import io.aibatch.report.RunReport;
import io.aibatch.report.RunReportBuilder;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "status", description = "List recent runs, or show one run (exit code 0 only if it COMPLETED).")
final class StatusCommand implements Callable<Integer> {

    @Option(names = "--run-id", paramLabel = "ID")
    String runId;

    @Option(names = "--limit", defaultValue = "20", description = "Runs to list. Default: ${DEFAULT-VALUE}")
    int limit;

    @Mixin
    RepositoryOptions repository;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = SpringContexts.open(repository)) {
            RunLauncher launcher = context.getBean(RunLauncher.class);
            PrintStream out = System.out;
            if (runId == null) {
                List<JobExecution> runs = launcher.recentRuns(limit);
                out.printf("%-44s %-22s %-10s %-19s%n", "RUN ID", "JOB", "STATUS", "STARTED");
                for (JobExecution run : runs) {
                    out.printf("%-44s %-22s %-10s %-19s%n", run.getJobParameters().getString(RunParameters.RUN_ID),
                            run.getJobInstance().getJobName(), run.getStatus(),
                            run.getStartTime() == null ? "-" : run.getStartTime().withNano(0));
                }
                return ExitCodes.COMPLETED;
            }
            List<JobExecution> executions = launcher.executions(runId);
            JobExecution last = executions.stream().max((a, b) -> Long.compare(a.getId(), b.getId())).orElseThrow();
            RunReport report = new RunReportBuilder(RunJobFactory.WORKER_STEP).build(runId, executions, last,
                    last.getEndTime() == null ? Instant.now() : last.getEndTime().atZone(java.time.ZoneId.systemDefault()).toInstant());
            out.printf("run %s  job %s  status %s  executions %d%n", runId, report.job(), last.getStatus(), executions.size());
            out.printf("items: total %d, read %d, written %d, dead-lettered %d%n", report.items().total(),
                    report.items().read(), report.items().written(), report.items().deadLettered());
            for (RunReport.SliceSummary slice : report.slices()) {
                out.printf("  %s  %-10s items %d  written %d  dead-lettered %d%n", slice.slice(), slice.status(),
                        slice.items(), slice.written(), slice.deadLettered());
            }
            return ExitCodes.of(last.getStatus());
        }
    }
}
