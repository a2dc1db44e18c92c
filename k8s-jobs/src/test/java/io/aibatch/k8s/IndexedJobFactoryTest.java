package io.aibatch.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class IndexedJobFactoryTest {

    private final IndexedJobFactory factory = new IndexedJobFactory();

    @Test
    void buildsAnIndexedJobWithOnePodPerSlice() {
        IndexedJobSpec spec = FactoryExamples.plainWorkers()
                .parallelism(4)
                .backoffLimitPerIndex(3)
                .maxFailedIndexes(2)
                .activeDeadlineSeconds(7200)
                .ttlSecondsAfterFinished(3600)
                .env(Map.of("AIBATCH_OCR_URL", "http://read-ocr:5000"))
                .build();

        Job job = factory.build(spec);

        assertThat(job.getMetadata().getName()).isEqualTo("document-pipeline-run-2026-05-01");
        assertThat(job.getMetadata().getNamespace()).isEqualTo("aibatch");
        assertThat(job.getMetadata().getLabels())
                .containsEntry(AibatchLabels.RUN_ID, "run-2026-05-01")
                .containsEntry(AibatchLabels.JOB, "document-pipeline")
                .doesNotContainKey(AibatchLabels.KUEUE_QUEUE_NAME);
        JobSpec jobSpec = job.getSpec();
        assertThat(jobSpec.getCompletionMode()).isEqualTo("Indexed");
        assertThat(jobSpec.getCompletions()).isEqualTo(8);
        assertThat(jobSpec.getParallelism()).isEqualTo(4);
        assertThat(jobSpec.getBackoffLimitPerIndex()).isEqualTo(3);
        assertThat(jobSpec.getMaxFailedIndexes()).isEqualTo(2);
        assertThat(jobSpec.getPodReplacementPolicy()).isEqualTo("Failed");
        assertThat(jobSpec.getActiveDeadlineSeconds()).isEqualTo(7200L);
        assertThat(jobSpec.getTtlSecondsAfterFinished()).isEqualTo(3600);
        assertThat(jobSpec.getSuspend()).isNull();

        PodSpec pod = jobSpec.getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getServiceAccountName()).isEqualTo("aibatch-worker");
        assertThat(jobSpec.getTemplate().getMetadata().getLabels())
                .containsEntry(AibatchLabels.RUN_ID, "run-2026-05-01")
                .containsEntry("azure.workload.identity/use", "true");
        Container worker = pod.getContainers().get(0);
        assertThat(worker.getName()).isEqualTo(IndexedJobFactory.WORKER_CONTAINER);
        assertThat(worker.getArgs()).containsExactly("worker", "document-pipeline");
        assertThat(env(worker))
                .containsEntry("AIBATCH_RUN_ID", "run-2026-05-01")
                .containsEntry("AIBATCH_SLICE_COUNT", "8")
                .containsEntry("AIBATCH_WORKER_JVMS", "4")
                .containsEntry("AIBATCH_OCR_URL", "http://read-ocr:5000")
                .doesNotContainKey("AIBATCH_AI_ENDPOINT");
        assertThat(pod.getInitContainers()).isEmpty();
    }

    @Test
    void podFailurePolicyFailsTheJobOnConfigErrorsAndIgnoresDisruptions() {
        Job job = factory.build(
                FactoryExamples.plainWorkers().configErrorExitCode(64).build());

        List<PodFailurePolicyRule> rules = job.getSpec().getPodFailurePolicy().getRules();
        assertThat(rules).hasSize(2);
        assertThat(rules.get(0).getAction()).isEqualTo("FailJob");
        assertThat(rules.get(0).getOnExitCodes().getContainerName()).isEqualTo("worker");
        assertThat(rules.get(0).getOnExitCodes().getOperator()).isEqualTo("In");
        assertThat(rules.get(0).getOnExitCodes().getValues()).containsExactly(64);
        assertThat(rules.get(1).getAction()).isEqualTo("Ignore");
        assertThat(rules.get(1).getOnPodConditions()).singleElement().satisfies(condition -> {
            assertThat(condition.getType()).isEqualTo("DisruptionTarget");
            assertThat(condition.getStatus()).isEqualTo("True");
        });
    }

    @Test
    void sidecarRunsAsANativeSidecarReachedOnLocalhost() {
        Job job = factory.build(FactoryExamples.gpuWorkersWithSidecar().build());
        PodSpec pod = job.getSpec().getTemplate().getSpec();

        Container sidecar = pod.getInitContainers().get(0);
        assertThat(sidecar.getName()).isEqualTo("read-ocr");
        assertThat(sidecar.getRestartPolicy()).isEqualTo("Always");
        assertThat(sidecar.getPorts()).singleElement().satisfies(port -> assertThat(port.getContainerPort())
                .isEqualTo(5000));
        assertThat(sidecar.getStartupProbe().getHttpGet().getPath()).isEqualTo("/ready");
        assertThat(env(sidecar)).containsEntry("Eula", "accept");
        EnvVar apiKey = sidecar.getEnv().stream()
                .filter(variable -> variable.getName().equals("ApiKey"))
                .findFirst()
                .orElseThrow();
        assertThat(apiKey.getValueFrom().getSecretKeyRef().getName()).isEqualTo("azure-ai-read");
        assertThat(apiKey.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("api-key");
        assertThat(env(pod.getContainers().get(0))).containsEntry("AIBATCH_AI_ENDPOINT", "http://localhost:5000");

        assertThat(pod.getNodeSelector()).containsEntry("kubernetes.azure.com/agentpool", "gpu");
        assertThat(pod.getTolerations()).singleElement().satisfies(toleration -> {
            assertThat(toleration.getKey()).isEqualTo("nvidia.com/gpu");
            assertThat(toleration.getOperator()).isEqualTo("Exists");
            assertThat(toleration.getEffect()).isEqualTo("NoSchedule");
        });
    }

    @Test
    void aKueueQueueLabelsTheJobAndCreatesItSuspended() {
        Job job = factory.build(FactoryExamples.gpuWorkersWithSidecar().build());

        assertThat(job.getMetadata().getLabels()).containsEntry(AibatchLabels.KUEUE_QUEUE_NAME, "gpu-queue");
        assertThat(job.getSpec().getSuspend()).isTrue();
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
                .doesNotContainKey(AibatchLabels.KUEUE_QUEUE_NAME);
    }

    @Test
    void gpuResourcesAreRequestedAndLimitedAlike() {
        Job job = factory.build(FactoryExamples.plainWorkers()
                .resources(ContainerResources.guaranteed("4", "16Gi").withGpus(1))
                .build());

        var resources =
                job.getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
        assertThat(resources.getRequests().get("nvidia.com/gpu").getAmount()).isEqualTo("1");
        assertThat(resources.getLimits().get("nvidia.com/gpu").getAmount()).isEqualTo("1");
    }

    @Test
    void buildingTwiceGivesTheSameJob() {
        IndexedJobSpec spec = FactoryExamples.gpuWorkersWithSidecar()
                .env(Map.of("B", "2", "A", "1"))
                .build();

        assertThat(factory.build(spec)).isEqualTo(factory.build(spec));
        assertThat(ManifestYaml.render(factory.build(spec))).isEqualTo(ManifestYaml.render(factory.build(spec)));
    }

    @Test
    void defaultsRunEverySliceAtOnceAndTolerateEveryFailureUntilTheEnd() {
        IndexedJobSpec spec = IndexedJobSpec.builder("r1", "document-pipeline", "img")
                .completions(5)
                .build();

        assertThat(spec.parallelism()).isEqualTo(5);
        assertThat(spec.maxFailedIndexes()).isEqualTo(5);
        assertThat(spec.configErrorExitCode()).isEqualTo(78);
    }

    @Test
    void preconditionsSayWhatIsWrongAndWhatToDo() {
        assertThatThrownBy(() -> FactoryExamples.plainWorkers().parallelism(9).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parallelism is 9 for 8 slices: use 1..8");
        assertThatThrownBy(() -> IndexedJobSpec.builder("run 1", "document-pipeline", "img")
                        .build())
                .hasMessageContaining("runId 'run 1' cannot be a label value");
        assertThatThrownBy(() -> FactoryExamples.plainWorkers().completions(0).build())
                .hasMessageContaining("completions (slices) is 0");
        assertThatThrownBy(
                        () -> FactoryExamples.plainWorkers().maxFailedIndexes(9).build())
                .hasMessageContaining("maxFailedIndexes is 9 for 8 slices");
        assertThatThrownBy(() ->
                        FactoryExamples.plainWorkers().configErrorExitCode(0).build())
                .hasMessageContaining("0 is success");
        assertThatThrownBy(() -> FactoryExamples.plainWorkers()
                        .env(Map.of("AIBATCH_RUN_ID", "x"))
                        .build())
                .hasMessageContaining("env sets AIBATCH_RUN_ID, which the Job sets itself");
        assertThatThrownBy(() -> new ContainerResources("2", "1Gi", "1", "1Gi", 0))
                .hasMessageContaining("cpuRequest 2 is above cpuLimit 1");
        assertThatThrownBy(() -> new ContainerResources("1", "", "1", "1Gi", 0))
                .hasMessageContaining("memoryRequest is missing");
        assertThatThrownBy(() -> new SidecarContainer(
                        "Read_OCR", "img", 5000, "/ready", null, null, null, ContainerResources.guaranteed("1", "1Gi")))
                .hasMessageContaining("not a DNS-1123 label");
        assertThatThrownBy(() -> new SidecarContainer(
                        "ocr",
                        "img",
                        5000,
                        "/ready",
                        null,
                        null,
                        Map.of("ApiKey", "no-slash"),
                        ContainerResources.guaranteed("1", "1Gi")))
                .hasMessageContaining("write it as secretName/key");
    }

    private static Map<String, String> env(Container container) {
        return container.getEnv().stream()
                .filter(variable -> variable.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }
}
