package io.aibatch.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;

/** Runs as the job repository records them, looked up by run id: what {@code status} reads and a restart starts from. */
public final class RunHistory {

    private final JobRepository jobRepository;
    private final RepositoryDescription repository;

    public RunHistory(JobRepository jobRepository, RepositoryDescription repository) {
        this.jobRepository = jobRepository;
        this.repository = repository;
    }

    public Optional<JobExecution> lastExecution(String runId) {
        for (String jobName : jobRepository.getJobNames()) {
            JobInstance instance = jobRepository.getJobInstance(jobName, RunParameters.identifying(runId));
            if (instance != null) {
                return Optional.ofNullable(jobRepository.getLastJobExecution(instance));
            }
        }
        return Optional.empty();
    }

    /** Every execution of the run, oldest first. */
    public List<JobExecution> executions(String runId) {
        JobExecution last = lastExecution(runId).orElseThrow(() -> new RunNotFoundException(runId, repository.value()));
        List<JobExecution> executions = new ArrayList<>(jobRepository.getJobExecutions(last.getJobInstance()));
        executions.sort(Comparator.comparing(JobExecution::getId));
        return executions;
    }

    /** The latest execution of the most recent runs, newest first. */
    public List<JobExecution> recentRuns(int limit) {
        List<JobExecution> runs = new ArrayList<>();
        for (String jobName : jobRepository.getJobNames()) {
            for (JobInstance instance : jobRepository.getJobInstances(jobName, 0, limit)) {
                JobExecution last = jobRepository.getLastJobExecution(instance);
                if (last != null) {
                    runs.add(last);
                }
            }
        }
        runs.sort(Comparator.comparing(JobExecution::getCreateTime).reversed());
        return runs.size() > limit ? runs.subList(0, limit) : runs;
    }
}
