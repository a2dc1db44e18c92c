package io.aibatch.runtime.partition;

import io.aibatch.plan.Slice;
import io.aibatch.runtime.RunJobFactory;
import io.aibatch.runtime.RunLauncher;
import io.aibatch.runtime.RunNotFoundException;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Runs one slice of a running run, in this process: what a worker process or a pod does. The slice
 * is found in the shared job repository by the run id and its index. When an earlier worker for the
 * same slice died (it is only started again after the earlier one ended), its StepExecution is closed
 * as FAILED and a new one continues from the last committed chunk, with the same ExecutionContext.
 */
public final class SliceWorker {

    private static final Logger log = LoggerFactory.getLogger(SliceWorker.class);

    private final RunLauncher runs;
    private final JobRepository jobRepository;
    private final Step workerStep;

    public SliceWorker(RunLauncher runs, JobRepository jobRepository, Step workerStep) {
        this.runs = runs;
        this.jobRepository = jobRepository;
        this.workerStep = workerStep;
    }

    /** What to run for {@code (runId, index)}, or empty when the slice already completed. */
    public Optional<StepExecution> prepare(String runId, int index) {
        JobExecution run = runs.lastExecution(runId).orElseThrow(() -> new RunNotFoundException(runId, "configured"));
        if (!run.getStatus().isRunning()) {
            throw new IllegalStateException(
                    "run " + runId + " is " + run.getStatus() + ", not running: a worker only runs slices of a "
                            + "running execution (restart the run with 'restart --run-id " + runId + "')");
        }
        String stepName = RunJobFactory.WORKER_STEP + ":" + new Slice(index, 0, 0, 0, 0).name();
        Optional<StepExecution> inThisExecution = run.getStepExecutions().stream()
                .filter(step -> step.getStepName().equals(stepName))
                .max(Comparator.comparingLong(StepExecution::getId));
        if (inThisExecution.isEmpty()) {
            // a restarted run only re-creates the slices that did not complete; pods exist for all of them
            StepExecution earlier = jobRepository.getLastStepExecution(run.getJobInstance(), stepName);
            if (earlier != null && earlier.getStatus() == BatchStatus.COMPLETED) {
                log.info("{} of run {} completed in an earlier execution", stepName, runId);
                return Optional.empty();
            }
            throw new IllegalArgumentException("run " + runId + " has no slice " + index
                    + " in its current execution (JOB_COMPLETION_INDEX out of range?)");
        }
        StepExecution latest = inThisExecution.get();
        BatchStatus status = latest.getStatus();
        if (status == BatchStatus.COMPLETED) {
            log.info("{} of run {} already completed", stepName, runId);
            return Optional.empty();
        }
        if (status == BatchStatus.STARTING) {
            return Optional.of(latest);
        }
        if (status.isRunning() || status == BatchStatus.UNKNOWN) {
            log.warn(
                    "{} of run {} was left {} by a worker that is gone; closing it as FAILED", stepName, runId, status);
            latest.setStatus(BatchStatus.FAILED);
            latest.setExitStatus(
                    ExitStatus.FAILED.addExitDescription("worker process ended without finishing the slice"));
            latest.setEndTime(LocalDateTime.now());
            jobRepository.update(latest);
        }
        StepExecution resumed = jobRepository.createStepExecution(stepName, run);
        resumed.setExecutionContext(new ExecutionContext(latest.getExecutionContext()));
        jobRepository.updateExecutionContext(resumed);
        log.info(
                "{} of run {} resumes from its last committed chunk (step execution {} after {})",
                stepName,
                runId,
                resumed.getId(),
                latest.getId());
        return Optional.of(resumed);
    }

    /** Runs the slice until it completes, fails or is stopped (terminateOnly, checked at chunk boundaries). */
    public BatchStatus execute(StepExecution slice) throws Exception {
        workerStep.execute(slice);
        return slice.getStatus();
    }
}
