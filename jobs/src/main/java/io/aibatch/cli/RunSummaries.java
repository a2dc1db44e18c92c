package io.aibatch.cli;

import io.aibatch.jobs.RunParameters;
import org.springframework.batch.core.job.JobExecution;

import java.io.PrintStream;

/** The few lines a run prints when it ends. */
final class RunSummaries {

    private RunSummaries() {
    }

    static void print(String runId, JobExecution execution, PrintStream out) {
        out.printf("run %s finished: %s%n", runId, execution.getStatus());
        if (!execution.getAllFailureExceptions().isEmpty()) {
            out.println("failure: " + execution.getAllFailureExceptions().get(0));
        }
        out.println("report: " + RunParameters.from(execution.getJobParameters()).files() + "/report.json");
    }
}
