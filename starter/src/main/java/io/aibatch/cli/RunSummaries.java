package io.aibatch.cli;

import io.aibatch.runtime.ExitCodes;
import io.aibatch.runtime.RunFailures;
import io.aibatch.runtime.RunParameters;
import java.io.PrintStream;
import java.util.Optional;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ApplicationContext;

/** The few lines a run prints when it ends. */
final class RunSummaries {

    private RunSummaries() {}

    /** @param reason why the run failed, when a slice recorded it (then printed on stderr by the caller) */
    static void print(String runId, JobExecution execution, Optional<RunFailures.Reason> reason, PrintStream out) {
        out.printf("run %s finished: %s%n", runId, execution.getStatus());
        if (execution.getStatus() == org.springframework.batch.core.BatchStatus.STOPPED) {
            // a stop (SIGTERM, budget) is not a failure: Spring Batch's JobInterruptedException would only confuse
            out.println("stopped: continue it with: restart --run-id " + runId);
        } else if (reason.isEmpty() && !execution.getAllFailureExceptions().isEmpty()) {
            out.println(
                    "failure: " + unwrapped(execution.getAllFailureExceptions().get(0)));
        }
        out.println("report: "
                + reportPage(RunParameters.from(execution.getJobParameters()).files()));
    }

    /**
     * Prints the summary and returns the exit code: a failure whose reason a slice recorded (a configuration the
     * backend refused: 78; the dead-letter threshold or a backend down longer than its max-outage: 1) is printed as one
     * line on stderr.
     */
    static int exit(String runId, JobExecution execution, ApplicationContext context, PrintStream out) {
        Optional<RunFailures.Reason> reason = execution.getStatus().isUnsuccessful()
                ? RunFailures.of(execution, context.getBean(JobRepository.class))
                : Optional.empty();
        print(runId, execution, reason, out);
        if (reason.isPresent()) {
            System.err.println("aibatch: " + reason.get().message());
            return reason.get().exitCode();
        }
        return ExitCodes.of(execution.getStatus());
    }

    /**
     * The failure without Spring Batch's wrappers around it (e.g. "FatalStepExecutionException: Unable to process
     * chunk"), whose messages help nobody; the first exception of ours (or of a library) keeps its message and class.
     */
    static String unwrapped(Throwable failure) {
        Throwable t = failure;
        while (t.getClass().getName().startsWith("org.springframework.batch.")
                && t.getCause() != null
                && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }

    /** report.html (beside report.json and report.md), with a URL a browser opens when it is on this machine. */
    static String reportPage(String files) {
        String page = files + "/report.html";
        if (io.aibatch.blob.BlobLocation.isUrl(files)) {
            return page;
        }
        return page + "  ("
                + java.nio.file.Path.of(page).toAbsolutePath().normalize().toUri() + ")";
    }
}
