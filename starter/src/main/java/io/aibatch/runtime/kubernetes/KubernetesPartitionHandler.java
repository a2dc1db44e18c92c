package io.aibatch.runtime.kubernetes;

import io.aibatch.k8s.IndexedJobClient;
import io.aibatch.k8s.IndexedJobSpec;
import io.aibatch.k8s.IndexedJobStatus;
import io.aibatch.k8s.JobRef;
import io.aibatch.k8s.Submission;
import io.aibatch.plan.PlanTasklet;
import io.aibatch.runtime.RunParameters;
import io.aibatch.runtime.RunPartitionHandler;
import io.aibatch.runtime.partition.RepositoryPollingPartitionHandler;
import io.aibatch.runtime.partition.SliceLaunch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * The slices of a run as the pods of one Kubernetes Indexed Job: pod i runs {@code worker} for slice i
 * (JOB_COMPLETION_INDEX) against the shared job repository. Kubernetes retries a failed pod per index
 * (backoffLimitPerIndex); the manager follows the slices through the repository and the Job's
 * failed indexes. A manager that restarts re-attaches to the run's Job while it is still running; a Job
 * left finished by an earlier execution is replaced, and its pods for already completed slices exit at once.
 */
public final class KubernetesPartitionHandler extends RepositoryPollingPartitionHandler
        implements RunPartitionHandler.Precondition {

    private static final Logger log = LoggerFactory.getLogger(KubernetesPartitionHandler.class);

    private final Supplier<IndexedJobClient> client;
    private final KubernetesSettings settings;
    private final Function<RunParameters, List<String>> repositoryArguments;

    public KubernetesPartitionHandler(
            JobRepository jobRepository,
            Supplier<IndexedJobClient> client,
            KubernetesSettings settings,
            Function<RunParameters, List<String>> repositoryArguments) {
        super(jobRepository, settings.pollInterval());
        this.client = client;
        this.settings = settings;
        this.repositoryArguments = repositoryArguments;
    }

    /** The worker arguments refuse a repository the workers cannot share: asked once when the run starts. */
    @Override
    public void check(RunParameters run) {
        repositoryArguments.apply(run);
    }

    @Override
    protected SliceLaunch launch(StepExecution manager, Collection<StepExecution> slices) {
        RunParameters run = RunParameters.from(manager.getJobParameters());
        String jobName = manager.getJobExecution().getJobInstance().getJobName();
        int totalSlices = PlanTasklet.parse(
                        manager.getJobExecution().getExecutionContext().getString(PlanTasklet.PLAN_KEY))
                .slices()
                .size();
        List<String> workerArgs = new ArrayList<>(List.of("worker", "--run-id", run.runId()));
        workerArgs.addAll(repositoryArguments.apply(run));
        IndexedJobSpec spec = settings.indexedJob(run.runId(), jobName, totalSlices, workerArgs);
        IndexedJobClient jobs = client.get();
        replaceFinishedJob(jobs, run.runId());
        Submission submission = jobs.submit(spec);
        log.info(
                "{} Job {} for {} slices of run {}",
                submission.reattached() ? "re-attached to" : "submitted",
                submission.job().name(),
                totalSlices,
                run.runId());
        return new IndexedJobLaunch(jobs, submission.job());
    }

    /** A finished Job of an earlier execution of this run would make the new one look done: delete it first. */
    private void replaceFinishedJob(IndexedJobClient jobs, String runId) {
        Optional<JobRef> existing = jobs.find(settings.namespace(), runId);
        if (existing.isEmpty() || !jobs.status(existing.get()).isFinished()) {
            return;
        }
        log.info(
                "run {} has a finished Job {} from an earlier execution; replacing it",
                runId,
                existing.get().name());
        jobs.cancel(existing.get());
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (jobs.find(settings.namespace(), runId).isPresent()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        "the finished Job " + existing.get().name() + " of run " + runId
                                + " is still being deleted after 2 minutes; try the restart again");
            }
            sleep(Duration.ofMillis(500));
        }
    }

    private final class IndexedJobLaunch implements SliceLaunch {

        private final IndexedJobClient jobs;
        private final JobRef job;
        private IndexedJobStatus status;
        private Instant fetched = Instant.MIN;

        IndexedJobLaunch(IndexedJobClient jobs, JobRef job) {
            this.jobs = jobs;
            this.job = job;
        }

        @Override
        public synchronized boolean finished(String sliceName) {
            if (Duration.between(fetched, Instant.now()).compareTo(settings.pollInterval()) >= 0) {
                status = jobs.status(job);
                fetched = Instant.now();
            }
            int index = Integer.parseInt(sliceName.substring(sliceName.lastIndexOf('-') + 1));
            return status.isFinished() || status.failedIndexes().contains(index);
        }

        /** Deleting the Job sends SIGTERM to its pods: each worker stops after its current chunk. */
        @Override
        public void requestStop() {
            jobs.cancel(job);
        }

        @Override
        public void close() {
            // the Job stays for inspection until ttlSecondsAfterFinished removes it
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kubernetes API", e);
        }
    }
}
