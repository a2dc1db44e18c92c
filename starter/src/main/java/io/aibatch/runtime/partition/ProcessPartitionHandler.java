package io.aibatch.runtime.partition;

import io.aibatch.runtime.RunInfrastructureConfiguration;
import io.aibatch.runtime.RunParameters;
import io.aibatch.runtime.RunPartitionHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * One worker JVM per slice on this machine, told its slice the way a pod of an Indexed Job is:
 * {@code JOB_COMPLETION_INDEX} and the run id. A worker that dies (kill -9, OOM) is started again,
 * up to {@code maxRestartsPerSlice} times, as Kubernetes' backoffLimitPerIndex would do; the new one
 * resumes the slice from its last committed chunk.
 */
public final class ProcessPartitionHandler extends RepositoryPollingPartitionHandler
        implements RunPartitionHandler.Precondition {

    private static final Logger log = LoggerFactory.getLogger(ProcessPartitionHandler.class);

    private final Function<RunParameters, List<String>> workerArguments;
    private final Path logDirectory;
    private final int maxRestartsPerSlice;
    private final int configurationErrorExitCode;

    /**
     * @param workerArguments CLI arguments that make a worker use this run's job repository and configuration
     */
    public ProcessPartitionHandler(
            JobRepository jobRepository,
            Function<RunParameters, List<String>> workerArguments,
            Path logDirectory,
            int maxRestartsPerSlice,
            int configurationErrorExitCode) {
        super(jobRepository, Duration.ofMillis(500));
        this.workerArguments = workerArguments;
        this.logDirectory = logDirectory;
        this.maxRestartsPerSlice = maxRestartsPerSlice;
        this.configurationErrorExitCode = configurationErrorExitCode;
    }

    /** The worker arguments refuse a repository the workers cannot share: asked once when the run starts. */
    @Override
    public void check(RunParameters run) {
        workerArguments.apply(run);
    }

    @Override
    protected SliceLaunch launch(StepExecution manager, Collection<StepExecution> slices) throws IOException {
        RunParameters run = RunParameters.from(manager.getJobParameters());
        Path logs = logDirectory.resolve(run.runId());
        Files.createDirectories(logs);
        Workers workers = new Workers(run, logs, slices.size());
        for (StepExecution slice : slices) {
            workers.start(sliceName(slice), 0);
        }
        return workers;
    }

    static String sliceName(StepExecution step) {
        return step.getStepName().substring(step.getStepName().indexOf(':') + 1);
    }

    static int sliceIndex(String sliceName) {
        return Integer.parseInt(sliceName.substring(sliceName.lastIndexOf('-') + 1));
    }

    private final class Workers implements SliceLaunch {

        private final RunParameters run;
        private final Path logs;
        /** Worker JVMs of this execution that run at once: one per slice. */
        private final int concurrent;

        private final Map<String, Process> running = new ConcurrentHashMap<>();
        private final Map<String, Boolean> finished = new ConcurrentHashMap<>();
        private volatile boolean stopping;

        Workers(RunParameters run, Path logs, int concurrent) {
            this.run = run;
            this.logs = logs;
            this.concurrent = concurrent;
        }

        void start(String sliceName, int restarts) {
            List<String> arguments = new ArrayList<>(List.of("worker", "--run-id", run.runId()));
            arguments.addAll(workerArguments.apply(run));
            ProcessBuilder builder = new ProcessBuilder(JvmCommand.current(arguments))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            logs.resolve(sliceName + ".log").toFile()));
            builder.environment().put("JOB_COMPLETION_INDEX", String.valueOf(sliceIndex(sliceName)));
            builder.environment().put("AIBATCH_RUN_ID", run.runId());
            // the backends' rate caps are the run's: each worker keeps to its share
            builder.environment().put(RunInfrastructureConfiguration.WORKER_JVMS_ENV, String.valueOf(concurrent));
            try {
                Process process = builder.start();
                running.put(sliceName, process);
                log.info(
                        "{}: worker pid {} started{}",
                        sliceName,
                        process.pid(),
                        restarts > 0 ? " (restart " + restarts + ")" : "");
                process.onExit().thenAccept(ended -> onExit(sliceName, ended.exitValue(), restarts));
            } catch (IOException e) {
                log.error("{}: could not start a worker process", sliceName, e);
                finished.put(sliceName, true);
            }
        }

        private void onExit(String sliceName, int exitCode, int restarts) {
            running.remove(sliceName);
            if (exitCode == 0
                    || stopping
                    || exitCode == configurationErrorExitCode
                    || restarts >= maxRestartsPerSlice) {
                if (exitCode != 0 && !stopping) {
                    log.warn(
                            "{}: worker exited with {} and will not be restarted (restarts used: {})",
                            sliceName,
                            exitCode,
                            restarts);
                }
                finished.put(sliceName, true);
                return;
            }
            log.warn(
                    "{}: worker exited with {}; starting it again ({} of {} restarts)",
                    sliceName,
                    exitCode,
                    restarts + 1,
                    maxRestartsPerSlice);
            start(sliceName, restarts + 1);
        }

        @Override
        public boolean finished(String sliceName) {
            // the manager asks by step name (worker:slice-0001); workers are kept by slice name (slice-0001). Without
            // this
            // a worker out of restarts was never seen as finished, and the manager waited for its slice forever.
            return finished.getOrDefault(sliceName.substring(sliceName.indexOf(':') + 1), false);
        }

        /** SIGTERM: each worker finishes its current chunk, marks its slice STOPPED and exits. */
        @Override
        public void requestStop() {
            stopping = true;
            running.values().forEach(Process::destroy);
        }

        @Override
        public void close() {
            // nothing to release: workers end on their own; a manager that dies leaves them to finish their slices
        }
    }
}
