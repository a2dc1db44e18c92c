package io.aibatch.cli;

import io.aibatch.runtime.CloudBatch;
import io.aibatch.runtime.ExitCodes;
import io.aibatch.runtime.OpenBatches;
import io.aibatch.runtime.RunLauncher;
import java.util.concurrent.Callable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "abandon",
        description = "Give up a stopped, failed or killed run: restart refuses it afterwards, and its open cloud"
                + " batches (--cloud-llm-mode batch) are cancelled.")
final class AbandonCommand implements Callable<Integer> {

    @Option(
            names = "--run-id",
            required = true,
            paramLabel = "ID",
            description = "The run to give up, as run printed it (run id: ...) or status lists it.")
    String runId;

    @Option(
            names = "--force",
            description =
                    "Abandon even while the run's processes still keep their heartbeat (another manager is alive).")
    boolean force;

    @Mixin
    RepositoryOptions repository;

    @Override
    public Integer call() throws Exception {
        try (ConfigurableApplicationContext context = SpringContexts.open(repository, 2)) {
            JobExecution last = context.getBean(RunLauncher.class).abandon(runId, force);
            if (last.getStatus() == BatchStatus.COMPLETED) {
                System.out.println("run " + runId + " already completed; nothing to abandon");
                return ExitCodes.COMPLETED;
            }
            System.out.println("run " + runId + ": execution " + last.getId() + " " + last.getStatus());
            cancelOpenBatches(context, last);
            return ExitCodes.COMPLETED;
        }
    }

    /** Cancels the run's open cloud batches: one line per batch on stdout, one warning for those left open. */
    static OpenBatches.Cancelled cancelOpenBatches(ConfigurableApplicationContext context, JobExecution last) {
        return new OpenBatches(context.getBean(JobRepository.class), context.getBean(CloudBatch.class))
                .cancel(last, System.out, System.err);
    }
}
