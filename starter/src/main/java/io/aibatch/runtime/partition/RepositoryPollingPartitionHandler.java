package io.aibatch.runtime.partition;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Remote partitioning without a message broker: the manager creates one StepExecution per slice in
 * the shared job repository, starts workers elsewhere (processes, pods), and follows the slices through
 * the repository until each one completed or will not run again. A worker that restarts a slice adds a
 * new StepExecution of the same name, so the latest one per slice is what counts.
 */
public abstract class RepositoryPollingPartitionHandler implements PartitionHandler {

    private static final Logger log = LoggerFactory.getLogger(RepositoryPollingPartitionHandler.class);

    private final JobRepository jobRepository;
    private final Duration pollInterval;

    protected RepositoryPollingPartitionHandler(JobRepository jobRepository, Duration pollInterval) {
        this.jobRepository = jobRepository;
        this.pollInterval = pollInterval;
    }

    /** Starts one worker per slice (or re-attaches to workers already started for them). */
    protected abstract SliceLaunch launch(StepExecution manager, Collection<StepExecution> slices) throws Exception;

    @Override
    public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution manager) throws Exception {
        Set<StepExecution> slices = splitter.split(manager, 1);
        if (slices.isEmpty()) {
            return slices;
        }
        Map<String, StepExecution> latest = new TreeMap<>();
        slices.forEach(slice -> latest.put(slice.getStepName(), slice));
        try (SliceLaunch launch = launch(manager, slices)) {
            boolean stopRequested = false;
            while (true) {
                JobExecution fresh = jobRepository.getJobExecution(manager.getJobExecutionId());
                refreshLatest(fresh, latest);
                if (!stopRequested && (manager.isTerminateOnly() || fresh.getStatus() == BatchStatus.STOPPING)) {
                    log.info("stop requested: asking {} workers to stop after their current chunk", latest.size());
                    launch.requestStop();
                    stopRequested = true;
                }
                if (allDone(latest, launch)) {
                    break;
                }
                Thread.sleep(pollInterval.toMillis());
            }
            failAbandoned(latest, stopRequested);
        }
        return latest.values();
    }

    private static void refreshLatest(JobExecution execution, Map<String, StepExecution> latest) {
        for (StepExecution step : execution.getStepExecutions()) {
            StepExecution known = latest.get(step.getStepName());
            if (known != null && step.getId() >= known.getId()) {
                latest.put(step.getStepName(), step);
            }
        }
    }

    private static boolean allDone(Map<String, StepExecution> latest, SliceLaunch launch) {
        for (Map.Entry<String, StepExecution> slice : latest.entrySet()) {
            if (slice.getValue().getStatus() != BatchStatus.COMPLETED && !launch.finished(slice.getKey())) {
                return false;
            }
        }
        return true;
    }

    /**
     * A slice whose worker ended without finishing it (killed before its first update, out of retries)
     * still says STARTING or STARTED: mark it so that the run fails, restartable, instead of claiming success.
     */
    private void failAbandoned(Map<String, StepExecution> latest, boolean stopRequested) {
        Map<String, StepExecution> updated = new LinkedHashMap<>();
        for (Map.Entry<String, StepExecution> slice : latest.entrySet()) {
            StepExecution step = slice.getValue();
            if (step.getStatus().isRunning() || step.getStatus() == BatchStatus.STARTING) {
                step.setStatus(stopRequested ? BatchStatus.STOPPED : BatchStatus.FAILED);
                step.setExitStatus(
                        stopRequested
                                ? ExitStatus.STOPPED
                                : ExitStatus.FAILED.addExitDescription(
                                        "the worker for " + slice.getKey() + " ended without finishing it"));
                step.setEndTime(LocalDateTime.now());
                jobRepository.update(step);
                updated.put(slice.getKey(), step);
            }
        }
        if (!updated.isEmpty()) {
            log.warn("slices ended by their workers without finishing: {}", updated.keySet());
        }
    }
}
