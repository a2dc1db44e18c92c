package io.aibatch.k8s;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.ScalableResource;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submits, watches, cancels and inspects the Indexed Job of a run.
 *
 * <p>Submitting is idempotent per run: when a Job carrying the run's {@value AibatchLabels#RUN_ID} label
 * already exists, the client re-attaches to it instead of creating a second one. That is how a manager
 * whose pod was restarted picks up the slices it had started.
 */
public final class IndexedJobClient {

    private static final Logger log = LoggerFactory.getLogger(IndexedJobClient.class);

    private final KubernetesClient kubernetes;
    private final IndexedJobFactory factory;

    /** A client of the cluster the process runs against (kubeconfig, in-cluster service account or system properties). */
    public static IndexedJobClient ofCluster() {
        return new IndexedJobClient(new KubernetesClientBuilder().build());
    }

    public IndexedJobClient(KubernetesClient kubernetes) {
        this(kubernetes, new IndexedJobFactory());
    }

    public IndexedJobClient(KubernetesClient kubernetes, IndexedJobFactory factory) {
        this.kubernetes = Objects.requireNonNull(kubernetes, "kubernetes client");
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** Creates the run's Job, or re-attaches to it when it exists already. */
    public Submission submit(IndexedJobSpec spec) {
        Optional<Job> existing = findJob(spec.namespace(), spec.runId());
        if (existing.isPresent()) {
            return reattach(existing.get(), spec);
        }
        Job job = factory.build(spec);
        try {
            Job created = kubernetes
                    .batch()
                    .v1()
                    .jobs()
                    .inNamespace(spec.namespace())
                    .resource(job)
                    .create();
            JobRef ref = refOf(created);
            log.info("Created Job {} with {} slices", ref, spec.completions());
            return new Submission(ref, false);
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            // Another manager of the same run created it between our lookup and our create.
            Job raced =
                    jobs(spec.namespace()).withName(job.getMetadata().getName()).get();
            if (raced == null) {
                throw e;
            }
            return reattach(raced, spec);
        }
    }

    /** The Job of a run, if there is one. */
    public Optional<JobRef> find(String namespace, String runId) {
        return findJob(namespace, runId).map(IndexedJobClient::refOf);
    }

    /** The Job's current status; phase DELETED when the Job no longer exists. */
    public IndexedJobStatus status(JobRef ref) {
        Job job = jobs(ref.namespace()).withName(ref.name()).get();
        return job == null ? IndexedJobStatus.deleted(ref, null) : IndexedJobStatus.of(job);
    }

    /**
     * Watches the Job until it succeeds, fails or is deleted, or until the timeout passes, telling
     * {@code onChange} every new status (on the watch thread). Returns the last status seen: check
     * {@link IndexedJobStatus#isFinished()} to tell a timeout from an end.
     */
    public IndexedJobStatus awaitFinished(JobRef ref, Duration timeout, Consumer<IndexedJobStatus> onChange) {
        AtomicReference<IndexedJobStatus> last = new AtomicReference<>();
        try {
            jobs(ref.namespace())
                    .withName(ref.name())
                    .waitUntilCondition(
                            job -> {
                                IndexedJobStatus current = job == null
                                        ? IndexedJobStatus.deleted(ref, last.get())
                                        : IndexedJobStatus.of(job);
                                IndexedJobStatus previous = last.getAndSet(current);
                                if (!current.equals(previous)) {
                                    onChange.accept(current);
                                }
                                return current.isFinished();
                            },
                            timeout.toMillis(),
                            TimeUnit.MILLISECONDS);
        } catch (KubernetesClientTimeoutException e) {
            log.warn("Job {} did not finish within {}", ref, timeout);
        }
        return last.get() == null ? status(ref) : last.get();
    }

    /**
     * Deletes the Job; Kubernetes then removes its pods in the background.
     *
     * @return false when there was no Job to delete
     */
    public boolean cancel(JobRef ref) {
        boolean deleted = !jobs(ref.namespace())
                .withName(ref.name())
                .withPropagationPolicy(DeletionPropagation.BACKGROUND)
                .delete()
                .isEmpty();
        log.info(deleted ? "Cancelled Job {}" : "Job {} was already gone", ref);
        return deleted;
    }

    /**
     * The worker log of the newest pod that ran slice {@code index} (a retried slice has several pods).
     *
     * @throws IllegalStateException when no pod of that slice exists
     */
    public String logsOfIndex(JobRef ref, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("slice index " + index + " is negative: slices are numbered from 0");
        }
        List<Pod> pods = kubernetes
                .pods()
                .inNamespace(ref.namespace())
                .withLabel(AibatchLabels.RUN_ID, ref.runId())
                .withLabel(AibatchLabels.COMPLETION_INDEX, Integer.toString(index))
                .list()
                .getItems();
        Pod newest = pods.stream()
                .max(Comparator.comparing(
                                (Pod pod) -> Objects.toString(pod.getMetadata().getCreationTimestamp(), ""))
                        .thenComparing(pod -> pod.getMetadata().getName()))
                .orElseThrow(
                        () -> new IllegalStateException(
                                "No pod of slice " + index + " of " + ref
                                        + ": the slice has not started yet, or its pods were removed with the Job (ttlSecondsAfterFinished)"));
        return kubernetes
                .pods()
                .inNamespace(ref.namespace())
                .withName(newest.getMetadata().getName())
                .inContainer(IndexedJobFactory.WORKER_CONTAINER)
                .getLog();
    }

    private Submission reattach(Job existing, IndexedJobSpec spec) {
        Integer completions = existing.getSpec().getCompletions();
        if (!Objects.equals(completions, spec.completions())
                || !"Indexed".equals(existing.getSpec().getCompletionMode())) {
            throw new IllegalStateException("Job " + existing.getMetadata().getName() + " of run " + spec.runId()
                    + " exists with " + completions + " " + existing.getSpec().getCompletionMode() + " completions but "
                    + spec.completions() + " Indexed slices were asked for: a restarted run must keep its slice count;"
                    + " cancel the old Job or start a new run id");
        }
        JobRef ref = refOf(existing);
        log.info("Re-attached to existing Job {}", ref);
        return new Submission(ref, true);
    }

    private Optional<Job> findJob(String namespace, String runId) {
        List<Job> matching =
                jobs(namespace).withLabel(AibatchLabels.RUN_ID, runId).list().getItems();
        if (matching.size() > 1) {
            throw new IllegalStateException(matching.size() + " Jobs in namespace " + namespace + " carry run id "
                    + runId + ": "
                    + matching.stream().map(job -> job.getMetadata().getName()).toList()
                    + "; a run has one Job, delete the extra ones");
        }
        return matching.stream().findFirst();
    }

    private NonNamespaceOperation<Job, JobList, ScalableResource<Job>> jobs(String namespace) {
        return kubernetes.batch().v1().jobs().inNamespace(namespace);
    }

    private static JobRef refOf(Job job) {
        return new JobRef(
                job.getMetadata().getNamespace(),
                job.getMetadata().getName(),
                job.getMetadata().getLabels().get(AibatchLabels.RUN_ID));
    }
}
