package io.aibatch.cli;

import io.aibatch.jobs.ExitCodes;

import io.aibatch.jobs.RunLauncher;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "restart", description = "Resume a run that failed, stopped or was killed; completed slices are not run again.")
final class RestartCommand implements Callable<Integer> {

    @Option(names = "--run-id", required = true, paramLabel = "ID")
    String runId;

    @Option(names = "--budget-usd", paramLabel = "USD",
            description = "A new spending ceiling for the rest of the run (e.g. higher than the one that stopped it), as for run.")
    String budgetUsd;

    @Mixin
    RepositoryOptions repository;

    @Override
    public Integer call() throws Exception {
        try (ConfigurableApplicationContext context = SpringContexts.open(repository)) {
            JobExecution execution = context.getBean(RunLauncher.class).restart(runId,
                    budgetUsd == null ? java.util.Map.of() : java.util.Map.of(io.aibatch.jobs.BudgetGuard.OPTION, budgetUsd));
            RunSummaries.print(runId, execution, System.out);
            return ExitCodes.of(execution.getStatus());
        }
    }
}
