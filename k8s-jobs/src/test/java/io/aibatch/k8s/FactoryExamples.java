package io.aibatch.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;

/** Resources the Java factories build, in the shapes the manifests configure. */
final class FactoryExamples {

    static final String IMAGE = "aibatch.azurecr.io/aibatch:0.1.0";
    static final String READ_IMAGE = "mcr.microsoft.com/azure-cognitive-services/vision/read:3.2-model-2022-04-30";

    private FactoryExamples() {}

    static IndexedJobSpec.Builder plainWorkers() {
        return IndexedJobSpec.builder("run-2026-05-01", "document-pipeline", IMAGE)
                .args(List.of("worker", "document-pipeline"))
                .completions(8);
    }

    /** Workers on the GPU pool, each with its own Read OCR container as a native sidecar, queued in Kueue. */
    static IndexedJobSpec.Builder gpuWorkersWithSidecar() {
        return IndexedJobSpec.builder("run-2026-05-01-gpu", "document-pipeline", IMAGE)
                .args(List.of("worker", "document-pipeline"))
                .completions(8)
                .nodeSelector(Map.of("kubernetes.azure.com/agentpool", "gpu"))
                .tolerations(List.of(PodToleration.gpuNoSchedule()))
                .sidecar(readOcrSidecar())
                .kueueQueueName("gpu-queue");
    }

    static SidecarContainer readOcrSidecar() {
        return new SidecarContainer(
                "read-ocr",
                READ_IMAGE,
                5000,
                "/ready",
                List.of(),
                Map.of("Eula", "accept", "Billing", "https://example.cognitiveservices.azure.com/"),
                Map.of("ApiKey", "azure-ai-read/api-key"),
                ContainerResources.guaranteed("8", "16Gi"));
    }

    static ManagerPodTemplate managerPod() {
        return new ManagerPodTemplate(
                IMAGE,
                List.of("run", "document-pipeline", "--partitions", "8", "--partition-handler", "kubernetes"),
                "aibatch-manager",
                new ContainerResources("500m", "1Gi", "1", "2Gi", 0),
                Map.of());
    }

    static List<HasMetadata> all() {
        IndexedJobFactory jobs = new IndexedJobFactory();
        return List.of(
                jobs.build(plainWorkers().build()),
                jobs.build(gpuWorkersWithSidecar().build()),
                new CronJobFactory()
                        .build(
                                CronSchedule.of("document-pipeline-nightly", "aibatch", "0 2 * * *"),
                                managerPod().toPodTemplate()));
    }
}
