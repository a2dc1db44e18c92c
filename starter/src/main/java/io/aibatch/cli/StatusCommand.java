package io.aibatch.cli;

import io.aibatch.report.RunReport;
import io.aibatch.report.RunReportBuilder;
import io.aibatch.runtime.ExitCodes;
import io.aibatch.runtime.RunFailures;
import io.aibatch.runtime.RunJobFactory;
import io.aibatch.runtime.RunNotFoundException;
import io.aibatch.runtime.RunParameters;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.batch.core.job.JobExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", description = "List recent runs, or show one run (exit code 0 only if it COMPLETED).")
final class StatusCommand implements Callable<Integer> {

    @Option(
            names = "--run-id",
            paramLabel = "ID",
            description = "Show this run: its status, items and slices. Default: list the recent runs.")
    String runId;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "20",
            description = "Runs to list, newest first. Default: ${DEFAULT-VALUE}")
    int limit;

    @Mixin
    RepositoryOptions repository;

    @Override
    public Integer call() {
        Optional<RunHistoryReader> opened = RunHistoryReader.open(repository, "aibatch status");
        try {
            if (runId == null) {
                List<JobExecution> runs = opened.map(
                                reader -> reader.read(history -> history.recentRuns(limit), List.<JobExecution>of()))
                        .orElse(List.of());
                printRuns(runs, System.out);
                return ExitCodes.COMPLETED;
            }
            List<JobExecution> executions = opened.map(
                            reader -> reader.read(history -> history.executions(runId), List.<JobExecution>of()))
                    .orElse(List.of());
            if (executions.isEmpty()) {
                throw new RunNotFoundException(runId, repository.describe());
            }
            return printRun(executions, System.out);
        } finally {
            opened.ifPresent(RunHistoryReader::close);
        }
    }

    private static void printRuns(List<JobExecution> runs, PrintStream out) {
        out.printf("%-44s %-22s %-10s %-19s%n", "RUN ID", "JOB", "STATUS", "STARTED");
        for (JobExecution run : runs) {
            out.printf(
                    "%-44s %-22s %-10s %-19s%n",
                    run.getJobParameters().getString(RunParameters.RUN_ID),
                    run.getJobInstance().getJobName(),
                    run.getStatus(),
                    run.getStartTime() == null ? "-" : run.getStartTime().withNano(0));
        }
    }

    private int printRun(List<JobExecution> executions, PrintStream out) {
        JobExecution last = executions.get(executions.size() - 1);
        RunReport report = new RunReportBuilder(RunJobFactory.WORKER_STEP)
                .build(
                        runId,
                        executions,
                        last,
                        last.getEndTime() == null
                                ? Instant.now()
                                : last.getEndTime()
                                        .atZone(ZoneId.systemDefault())
                                        .toInstant());
        out.printf(
                "run %s  job %s  status %s  executions %d%n", runId, report.job(), last.getStatus(), executions.size());
        out.printf(
                "items: total %d, read %d, written %d, dead-lettered %d%n",
                report.items().total(),
                report.items().read(),
                report.items().written(),
                report.items().deadLettered());
        for (RunReport.SliceSummary slice : report.slices()) {
            out.printf(
                    "  %s  %-10s items %d  written %d  dead-lettered %d%n",
                    slice.slice(), slice.status(), slice.items(), slice.written(), slice.deadLettered());
        }
        if (last.getStatus().isUnsuccessful()) {
            // the line the run printed when it failed, for whoever looks later (an operator at 3 a.m., a CronJob's log)
            RunFailures.recordedIn(last).ifPresent(reason -> out.println("failed: " + reason.message()));
        }
        return ExitCodes.of(last.getStatus());
    }
}
