package io.aibatch.cli;

import io.aibatch.runtime.DeadLetterThreshold;
import io.aibatch.runtime.Preflight;
import io.aibatch.runtime.RunLauncher;
import io.aibatch.runtime.RunParameters;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "restart",
        description = "Resume a run that failed, stopped or was killed; completed slices are not run again.")
final class RestartCommand implements Callable<Integer> {

    @Option(
            names = "--run-id",
            required = true,
            paramLabel = "ID",
            description = "The run to resume, as run printed it (run id: ...) or status lists it.")
    String runId;

    @Option(
            names = "--budget-usd",
            paramLabel = "USD",
            description =
                    "A new spending ceiling for the rest of the run (e.g. higher than the one that stopped it), as for run.")
    String budgetUsd;

    @Option(
            names = "--max-dead-letter-ratio",
            paramLabel = "R",
            description = "Continue with this dead-letter threshold instead of the run's own (1 disables it).")
    Double maxDeadLetterRatio;

    @Option(names = "--skip-preflight", description = "Do not probe the run's endpoints first.")
    boolean skipPreflight;

    @Option(
            names = "--force",
            description =
                    "Restart even while the run's processes still keep their heartbeat (another manager is alive).")
    boolean force;

    @Mixin
    RepositoryOptions repository;

    @Override
    public Integer call() throws Exception {
        try (ConfigurableApplicationContext context = SpringContexts.open(repository)) {
            RunLauncher launcher = context.getBean(RunLauncher.class);
            if (!skipPreflight) {
                launcher.lastExecution(runId).ifPresent(last -> {
                    String job = last.getJobInstance().getJobName();
                    RunParameters recorded = RunParameters.from(last.getJobParameters());
                    launcher.validate(job, recorded); // a refused endpoint is refused before anything is probed
                    context.getBean(Preflight.class).check(job, recorded);
                });
            }
            Map<String, String> overrides = new java.util.HashMap<>();
            if (maxDeadLetterRatio != null) {
                overrides.put(DeadLetterThreshold.OPTION, maxDeadLetterRatio.toString());
            }
            if (budgetUsd != null) {
                overrides.put(io.aibatch.runtime.BudgetGuard.OPTION, budgetUsd);
            }
            JobExecution execution = launcher.restart(runId, overrides, force);
            return RunSummaries.exit(runId, execution, context, System.out);
        }
    }
}
