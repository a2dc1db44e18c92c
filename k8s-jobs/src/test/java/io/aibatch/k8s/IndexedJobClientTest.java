package io.aibatch.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IndexedJobClientTest {

    private static final String NAMESPACE = "aibatch";
    private static final AtomicInteger RUNS = new AtomicInteger();

    private static MockKubernetes kubernetes;
    private static KubernetesClient client;

    @BeforeAll
    static void startMockApiServer() {
        kubernetes = new MockKubernetes();
        client = kubernetes.client();
    }

    @AfterAll
    static void stopMockApiServer() {
        kubernetes.close();
    }

    @Test
    void submitCreatesOneIndexedJobForTheRun() {
        IndexedJobSpec spec = spec(newRunId(), 8);

        Submission submission = new IndexedJobClient(client).submit(spec);

        assertThat(submission.reattached()).isFalse();
        assertThat(submission.job().name()).isEqualTo(spec.kubernetesJobName());
        Job stored = client.batch()
                .v1()
                .jobs()
                .inNamespace(NAMESPACE)
                .withName(spec.kubernetesJobName())
                .get();
        assertThat(stored.getSpec().getCompletionMode()).isEqualTo("Indexed");
        assertThat(stored.getSpec().getCompletions()).isEqualTo(8);
        assertThat(stored.getMetadata().getLabels()).containsEntry(AibatchLabels.RUN_ID, spec.runId());
        assertThat(jobsOfRun(spec.runId())).hasSize(1);
    }

    @Test
    void restartedManagerReattachesToTheExistingJobInsteadOfCreatingAnother() {
        IndexedJobSpec spec = spec(newRunId(), 4);
        Submission first = new IndexedJobClient(client).submit(spec);
        writeStatus(first.job(), "0-1", null, 2);

        try (KubernetesClient restartedManager = kubernetes.newClient()) {
            IndexedJobClient again = new IndexedJobClient(restartedManager);
            Submission second = again.submit(spec);

            assertThat(second.reattached()).isTrue();
            assertThat(second.job()).isEqualTo(first.job());
            assertThat(jobsOfRun(spec.runId())).hasSize(1);
            assertThat(again.status(second.job()).succeededIndexes()).containsExactly(0, 1);
        }
    }

    @Test
    void theRunIdLabelNotTheNameIsWhatFindsTheExistingJob() {
        IndexedJobSpec spec = spec(newRunId(), 4);
        Job createdByAnEarlierVersion = new IndexedJobFactory().build(spec);
        createdByAnEarlierVersion.getMetadata().setName("legacy-name-" + spec.runId());
        client.batch()
                .v1()
                .jobs()
                .inNamespace(NAMESPACE)
                .resource(createdByAnEarlierVersion)
                .create();

        Submission submission = new IndexedJobClient(client).submit(spec);

        assertThat(submission.reattached()).isTrue();
        assertThat(submission.job().name()).isEqualTo("legacy-name-" + spec.runId());
        assertThat(jobsOfRun(spec.runId())).hasSize(1);
    }

    @Test
    void reattachingWithAnotherSliceCountIsRefused() {
        String runId = newRunId();
        new IndexedJobClient(client).submit(spec(runId, 4));

        assertThatThrownBy(() -> new IndexedJobClient(client).submit(spec(runId, 8)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exists with 4")
                .hasMessageContaining("8 Indexed slices");
        assertThat(jobsOfRun(runId)).hasSize(1);
    }

    @Test
    void watchReportsProgressUntilEverySliceCompleted() throws Exception {
        IndexedJobClient jobs = new IndexedJobClient(client);
        JobRef ref = jobs.submit(spec(newRunId(), 8)).job();
        List<IndexedJobStatus> seen = new CopyOnWriteArrayList<>();

        CompletableFuture<IndexedJobStatus> finished =
                CompletableFuture.supplyAsync(() -> jobs.awaitFinished(ref, Duration.ofSeconds(20), seen::add));
        awaitSeen(seen, 1);
        kubernetes.awaitWatchOn(ref.name());
        writeStatus(ref, "0-3", null, 4);
        awaitSeen(seen, 2);
        writeStatus(
                ref,
                "0-7",
                null,
                0,
                condition("SuccessCriteriaMet", "CompletionsReached"),
                condition("Complete", "CompletionsReached"));

        IndexedJobStatus last = finished.get(20, TimeUnit.SECONDS);
        assertThat(last.phase()).isEqualTo(JobPhase.SUCCEEDED);
        assertThat(last.succeededIndexes()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(last.failedIndexes()).isEmpty();
        assertThat(seen).extracting(status -> status.succeededIndexes().size()).containsExactly(0, 4, 8);
        assertThat(seen.get(0).phase()).isEqualTo(JobPhase.RUNNING);
    }

    @Test
    void watchReportsTheFailedIndexWhenTheJobFails() throws Exception {
        IndexedJobClient jobs = new IndexedJobClient(client);
        JobRef ref = jobs.submit(spec(newRunId(), 8)).job();
        List<IndexedJobStatus> seen = new CopyOnWriteArrayList<>();

        CompletableFuture<IndexedJobStatus> finished =
                CompletableFuture.supplyAsync(() -> jobs.awaitFinished(ref, Duration.ofSeconds(20), seen::add));
        awaitSeen(seen, 1);
        kubernetes.awaitWatchOn(ref.name());
        writeStatus(ref, "0-2,4-7", "3", 0, condition("FailureTarget", "FailedIndexes"));
        awaitSeen(seen, 2);
        writeStatus(
                ref,
                "0-2,4-7",
                "3",
                0,
                condition("FailureTarget", "FailedIndexes"),
                condition("Failed", "FailedIndexes"));

        IndexedJobStatus last = finished.get(20, TimeUnit.SECONDS);
        assertThat(seen)
                .extracting(IndexedJobStatus::phase)
                .containsExactly(JobPhase.RUNNING, JobPhase.FAILING, JobPhase.FAILED);
        assertThat(last.failedIndexes()).containsExactly(3);
        assertThat(last.succeededIndexes()).hasSize(7).doesNotContain(3);
        assertThat(last.unfinishedIndexes()).isEmpty();
        assertThat(last.reason()).isEqualTo("FailedIndexes");
        assertThat(last.summary()).contains("FAILED", "7/8 slices succeeded", "failed [3]");
    }

    @Test
    void watchGivesUpAfterTheTimeoutWithTheLastStatus() {
        IndexedJobClient jobs = new IndexedJobClient(client);
        JobRef ref = jobs.submit(spec(newRunId(), 2)).job();
        writeStatus(ref, "1", null, 1);

        IndexedJobStatus last = jobs.awaitFinished(ref, Duration.ofMillis(500), status -> {});

        assertThat(last.isFinished()).isFalse();
        assertThat(last.phase()).isEqualTo(JobPhase.RUNNING);
        assertThat(last.unfinishedIndexes()).containsExactly(0);
    }

    @Test
    void cancelDeletesTheJobAndEndsAWatch() throws Exception {
        IndexedJobClient jobs = new IndexedJobClient(client);
        JobRef ref = jobs.submit(spec(newRunId(), 3)).job();
        List<IndexedJobStatus> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<IndexedJobStatus> finished =
                CompletableFuture.supplyAsync(() -> jobs.awaitFinished(ref, Duration.ofSeconds(20), seen::add));
        awaitSeen(seen, 1);
        kubernetes.awaitWatchOn(ref.name());

        assertThat(jobs.cancel(ref)).isTrue();

        assertThat(finished.get(20, TimeUnit.SECONDS).phase()).isEqualTo(JobPhase.DELETED);
        assertThat(jobs.status(ref).phase()).isEqualTo(JobPhase.DELETED);
        assertThat(jobs.find(NAMESPACE, ref.runId())).isEmpty();
        assertThat(jobs.cancel(ref)).isFalse();
    }

    @Test
    void logsComeFromTheNewestPodOfTheSlice() {
        IndexedJobClient jobs = new IndexedJobClient(client);
        JobRef ref = jobs.submit(spec(newRunId(), 4)).job();
        createPod(ref, 2, "first-try", "2026-01-01T10:00:00Z");
        createPod(ref, 2, "retry", "2026-01-01T10:05:00Z");
        createPod(ref, 3, "other-slice", "2026-01-01T10:09:00Z");

        String log = jobs.logsOfIndex(ref, 2);

        assertThat(log).contains("pod " + ref.name() + "-2-retry", "container worker");
        assertThatThrownBy(() -> jobs.logsOfIndex(ref, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No pod of slice 1");
    }

    @Test
    void findLocatesTheJobOfARunById() {
        IndexedJobClient jobs = new IndexedJobClient(client);
        IndexedJobSpec spec = spec(newRunId(), 2);
        JobRef ref = jobs.submit(spec).job();

        assertThat(jobs.find(NAMESPACE, spec.runId())).contains(ref);
        assertThat(jobs.find(NAMESPACE, "no-such-run")).isEmpty();
    }

    // --- helpers: the mock server runs no Job controller, so the tests play its part ---

    private static IndexedJobSpec spec(String runId, int slices) {
        return IndexedJobSpec.builder(runId, "document-pipeline", "aibatch:test")
                .args(List.of("worker", "document-pipeline"))
                .completions(slices)
                .namespace(NAMESPACE)
                .build();
    }

    private static String newRunId() {
        return "run-" + RUNS.incrementAndGet() + "-" + System.nanoTime() % 100_000;
    }

    private static List<Job> jobsOfRun(String runId) {
        return client.batch()
                .v1()
                .jobs()
                .inNamespace(NAMESPACE)
                .withLabel(AibatchLabels.RUN_ID, runId)
                .list()
                .getItems();
    }

    private static void writeStatus(
            JobRef ref, String completed, String failed, int active, JobCondition... conditions) {
        Job job = client.batch()
                .v1()
                .jobs()
                .inNamespace(ref.namespace())
                .withName(ref.name())
                .get();
        job.setStatus(new JobStatusBuilder()
                .withCompletedIndexes(completed)
                .withFailedIndexes(failed)
                .withActive(active)
                .withConditions(conditions)
                .build());
        client.batch().v1().jobs().inNamespace(ref.namespace()).resource(job).updateStatus();
    }

    private static JobCondition condition(String type, String reason) {
        return new JobConditionBuilder()
                .withType(type)
                .withStatus("True")
                .withReason(reason)
                .withMessage(type + " by test")
                .build();
    }

    private static void createPod(JobRef ref, int index, String suffix, String createdAt) {
        client.pods()
                .inNamespace(ref.namespace())
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName(ref.name() + "-" + index + "-" + suffix)
                        .withCreationTimestamp(createdAt)
                        .addToLabels(AibatchLabels.RUN_ID, ref.runId())
                        .addToLabels(AibatchLabels.COMPLETION_INDEX, Integer.toString(index))
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("worker")
                        .withImage("aibatch:test")
                        .endContainer()
                        .endSpec()
                        .build())
                .create();
    }

    private static void awaitSeen(List<IndexedJobStatus> seen, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (seen.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "watch reported " + seen.size() + " statuses, expected " + count + ": " + seen);
            }
            Thread.sleep(20);
        }
    }
}
