package io.aibatch.runtime;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Service;

/** Starts, restarts and looks up runs by their run id. */
@Service
public class RunLauncher {

    private static final Logger log = LoggerFactory.getLogger(RunLauncher.class);
    private static final Set<BatchStatus> STILL_MARKED_RUNNING =
            Set.of(BatchStatus.STARTING, BatchStatus.STARTED, BatchStatus.STOPPING, BatchStatus.UNKNOWN);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Map<String, Job> jobs;
    private final Map<String, Pipeline> pipelines;
    private final String repositoryDescription;
    private final RunHistory history;
    private final RunPartitionHandler partitionHandlers;
    private final AibatchProperties properties;
    private Heartbeats heartbeats;

    public RunLauncher(
            JobOperator jobOperator,
            JobRepository jobRepository,
            List<Job> jobs,
            List<Pipeline> pipelines,
            RepositoryDescription repository,
            RunPartitionHandler partitionHandlers,
            AibatchProperties properties) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.jobs = jobs.stream().collect(Collectors.toMap(Job::getName, Function.identity()));
        this.pipelines = pipelines.stream().collect(Collectors.toMap(Pipeline::jobName, Function.identity()));
        this.repositoryDescription = repository.value();
        this.history = new RunHistory(jobRepository, repository);
        this.partitionHandlers = partitionHandlers;
        this.properties = properties;
    }

    /** Shared repositories only: {@code restart} waits for a run's heartbeats to lapse. */
    @org.springframework.beans.factory.annotation.Autowired(required = false)
    void setHeartbeats(Heartbeats heartbeats) {
        this.heartbeats = heartbeats;
    }

    public Set<String> jobNames() {
        return jobs.keySet();
    }

    /** Refuses a run whose job or options are wrong (before any endpoint is probed or anything planned). */
    public void validate(String jobName, RunParameters run) {
        if (!jobs.containsKey(jobName)) {
            throw new IllegalArgumentException(
                    "unknown job '" + jobName + "'; available: " + String.join(", ", jobs.keySet()));
        }
        pipelines.get(jobName).validate(run);
        partitionHandlers.check(run);
    }

    public JobExecution start(String jobName, RunParameters run) throws Exception {
        validate(jobName, run);
        Job job = jobs.get(jobName);
        Optional<JobExecution> existing = lastExecution(run.runId());
        if (existing.isPresent()) {
            throw new IllegalArgumentException("run id '" + run.runId() + "' already exists ("
                    + existing.get().getStatus() + "); resume it with 'restart --run-id " + run.runId()
                    + "' or choose another id");
        }
        // before the run exists: an input refused as a whole leaves no failed run in the repository
        pipelines.get(jobName).checkInput(run, properties.source().options(run.sourceFilter()));
        log.info(
                "starting run {} of {}: {} -> {} in {} partitions",
                run.runId(),
                jobName,
                run.input(),
                run.output(),
                run.partitions());
        return jobOperator.start(job, run.toJobParameters());
    }

    /**
     * Resumes a run where it stopped. An execution still marked running in the repository is the
     * trace of a process that died (kill -9, OOM, node loss): it is first recovered (marked failed,
     * together with its unfinished steps), then restarted; completed slices are not run again.
     */
    public JobExecution restart(String runId) throws Exception {
        return restart(runId, Map.of(), false);
    }

    /**
     * @param overrides options that replace the run's own for this and later executions (e.g. the dead-letter threshold, a higher budget)
     * @param force     restart even while the run's heartbeats still advance (another manager is alive)
     */
    public JobExecution restart(String runId, Map<String, String> overrides, boolean force) throws Exception {
        if (overrides.containsKey(BudgetGuard.OPTION)) { // refuse a bad ceiling before anything runs
            BudgetGuard.limit(new RunParameters(runId, "", "", 1, "", overrides));
        }
        JobExecution last =
                lastExecution(runId).orElseThrow(() -> new RunNotFoundException(runId, repositoryDescription));
        if (last.getStatus() == BatchStatus.COMPLETED) {
            log.info("run {} already completed; nothing to do", runId);
            return last;
        }
        if (last.getStatus() == BatchStatus.ABANDONED) {
            throw new IllegalArgumentException("run " + runId + " was abandoned ('aibatch abandon'); it cannot be"
                    + " restarted: start a new run with another --run-id");
        }
        if (heartbeats != null) {
            heartbeats.awaitSilence(runId, force);
        }
        if (STILL_MARKED_RUNNING.contains(last.getStatus())) {
            log.info(
                    "run {} was left {} by a process that is gone; recovering execution {}",
                    runId,
                    last.getStatus(),
                    last.getId());
            last = jobOperator.recover(last);
        }
        closeAbandonedSlices(last);
        log.info("restarting run {} (last execution {} {})", runId, last.getId(), last.getStatus());
        // starting the same identifying parameters again is a restart: same JobInstance, a new execution
        // that skips completed steps and slices
        Job job = jobs.get(last.getJobInstance().getJobName());
        if (job == null) {
            throw new IllegalStateException("run " + runId + " belongs to job "
                    + last.getJobInstance().getJobName() + ", which this version of aibatch does not define");
        }
        JobParameters parameters = withOptions(last.getJobParameters(), overrides);
        // the run's endpoints are checked again: a run started before a check existed must not slip past it
        pipelines.get(job.getName()).validate(RunParameters.from(parameters));
        partitionHandlers.check(RunParameters.from(parameters));
        return jobOperator.start(job, parameters);
    }

    /**
     * Gives a run up: its last execution is marked ABANDONED, so {@code restart} refuses it. An execution still marked
     * running is first recovered, once its processes' heartbeats lapsed (as for {@code restart}). Returns the
     * abandoned execution, or the last one unchanged when the run had completed.
     */
    public JobExecution abandon(String runId, boolean force) throws Exception {
        JobExecution last =
                lastExecution(runId).orElseThrow(() -> new RunNotFoundException(runId, repositoryDescription));
        if (last.getStatus() == BatchStatus.COMPLETED || last.getStatus() == BatchStatus.ABANDONED) {
            return last;
        }
        if (heartbeats != null) {
            heartbeats.awaitSilence(runId, force);
        }
        if (STILL_MARKED_RUNNING.contains(last.getStatus())) {
            last = jobOperator.recover(last);
        }
        return jobOperator.abandon(last);
    }

    /**
     * A run that ended STOPPED or FAILED can still have slices marked STARTED (SIGTERM during a backend outage, a
     * worker pod evicted): Spring Batch refuses to restart it ("already running"). Those slices' processes are gone
     * (the run ended, and heartbeats were checked), so they are closed as FAILED; their checkpoints stay and the
     * restarted slices resume from them.
     */
    private void closeAbandonedSlices(JobExecution last) {
        JobExecution fresh = jobRepository.getJobExecution(last.getId());
        for (StepExecution step : (fresh == null ? last : fresh).getStepExecutions()) {
            if (step.getStatus().isRunning()) {
                log.info(
                        "slice {} of execution {} was left {} by a process that is gone; closing it as FAILED",
                        step.getStepName(),
                        last.getId(),
                        step.getStatus());
                step.setExitStatus(ExitStatus.FAILED.addExitDescription(
                        "left " + step.getStatus() + " by a process that stopped"));
                step.setStatus(BatchStatus.FAILED);
                step.setEndTime(LocalDateTime.now());
                jobRepository.update(step);
            }
        }
    }

    private static JobParameters withOptions(JobParameters parameters, Map<String, String> overrides) {
        if (overrides.isEmpty()) {
            return parameters;
        }
        JobParametersBuilder builder = new JobParametersBuilder(parameters);
        overrides.forEach((name, value) -> builder.addString(RunParameters.optionKey(name), value, false));
        return builder.toJobParameters();
    }

    public Optional<JobExecution> lastExecution(String runId) {
        return history.lastExecution(runId);
    }
}
