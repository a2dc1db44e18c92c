package io.aibatch.cli;

import io.aibatch.runtime.ExitCodes;
import io.aibatch.runtime.Heartbeats;
import io.aibatch.runtime.RunFailures;
import io.aibatch.runtime.partition.SliceWorker;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "worker",
        description =
                "Run one slice of a running run from the shared job repository (what a worker process or pod does).")
final class WorkerCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(WorkerCommand.class);

    @Option(
            names = "--run-id",
            paramLabel = "ID",
            defaultValue = "${env:AIBATCH_RUN_ID}",
            description = "The run (default: AIBATCH_RUN_ID).")
    String runId;

    @Option(
            names = "--slice",
            paramLabel = "N",
            defaultValue = "${env:JOB_COMPLETION_INDEX}",
            description = "The slice index (default: JOB_COMPLETION_INDEX, as set by a Kubernetes Indexed Job).")
    Integer slice;

    @Mixin
    RepositoryOptions repository;

    @Override
    public Integer call() throws Exception {
        if (runId == null || runId.isBlank() || slice == null) {
            throw new IllegalArgumentException(
                    "a worker needs --run-id (or AIBATCH_RUN_ID) and --slice (or JOB_COMPLETION_INDEX)");
        }
        try (ConfigurableApplicationContext context = SpringContexts.open(repository, 3)) {
            SliceWorker worker = context.getBean(SliceWorker.class);
            Optional<StepExecution> prepared = worker.prepare(runId, slice);
            if (prepared.isEmpty()) {
                return ExitCodes.COMPLETED;
            }
            StepExecution step = prepared.get();
            CountDownLatch ended = new CountDownLatch(1);
            io.aibatch.runtime.BackendExecutors executors = context.getBean(io.aibatch.runtime.BackendExecutors.class);
            Thread hook = new Thread(
                    () -> {
                        executors.all().forEach(io.aibatch.resilience.BackendExecutor::stop);
                        stopAfterCurrentChunk(step, ended);
                    },
                    "graceful-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            BatchStatus status;
            Heartbeats heartbeats = context.getBean(Heartbeats.class);
            String role = step.getStepName().substring(step.getStepName().indexOf(':') + 1);
            heartbeats.start(runId, role);
            try {
                status = worker.execute(step);
            } finally {
                heartbeats.stop(runId, role);
                ended.countDown();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shutdownInProgress) {
                // the hook is waiting for us; it returns now
            }
            log.info("slice {} of run {} ended {}", slice, runId, status);
            // a configuration the backend refuses: the manager must not start this worker again
            return RunFailures.CONFIGURATION_ERROR.equals(step.getExitStatus().getExitCode())
                    ? ExitCodes.CONFIGURATION
                    : ExitCodes.of(status);
        }
    }

    /** SIGTERM: the step sees terminateOnly at its next chunk boundary, commits nothing more and ends STOPPED. */
    private static void stopAfterCurrentChunk(StepExecution step, CountDownLatch ended) {
        log.warn("shutdown signal: stopping {} after the current chunk", step.getStepName());
        step.setTerminateOnly();
        try {
            ended.await(25, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
