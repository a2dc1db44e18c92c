package io.aibatch.runtime.kubernetes;

import io.aibatch.k8s.ContainerResources;
import io.aibatch.k8s.IndexedJobSpec;
import io.aibatch.k8s.PodToleration;
import io.aibatch.k8s.SidecarContainer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code aibatch.kubernetes.*}: how a run's slices become the pods of an Indexed Job.
 *
 * @param image                worker image; the pods run {@code worker --run-id ...} with it
 * @param parallelism          pods at once; 0 = every slice at once
 * @param backoffLimitPerIndex restarts of one slice's pod before the slice counts as failed
 * @param repositorySecret     Secret with keys {@code username} and {@code password} for the job repository (default: the
 *                             {@code aibatch-postgres} Secret the manifests expect), or empty for credentials in the URL
 * @param gpus                 nvidia.com/gpu per worker pod; more than 0 also adds the GPU toleration
 * @param nodeSelector         node labels the worker pods need, e.g. {@code agentpool: gpu}
 * @param nodeSelectorLabels   the same as {@code key=value,key=value}, easier to set from an environment variable
 * @param kueueQueue           Kueue LocalQueue to admit the Job through, or empty
 * @param managerImage         image of the manager pod created by {@code k8s submit|schedule}; empty = {@code image}
 * @param sidecar              an AI container run next to each worker as a native sidecar (init container with
 *                             restartPolicy Always), reached on localhost: the run's engine endpoint is then
 *                             {@code http://127.0.0.1:<port>}; unset image = no sidecar
 */
public record KubernetesSettings(
        @DefaultValue("aibatch") String namespace,
        @DefaultValue("") String image,
        @DefaultValue("aibatch-worker") String serviceAccount,
        @DefaultValue("aibatch-manager") String managerServiceAccount,
        @DefaultValue("") String managerImage,
        @DefaultValue("0") int parallelism,
        @DefaultValue("3") int backoffLimitPerIndex,
        @DefaultValue("24h") Duration activeDeadline,
        @DefaultValue("7d") Duration ttlAfterFinished,
        @DefaultValue("1") String cpuRequest,
        @DefaultValue("2Gi") String memoryRequest,
        @DefaultValue("2") String cpuLimit,
        @DefaultValue("4Gi") String memoryLimit,
        @DefaultValue("0") int gpus,
        Map<String, String> nodeSelector,
        @DefaultValue("") String nodeSelectorLabels,
        @DefaultValue("") String kueueQueue,
        @DefaultValue("aibatch-postgres") String repositorySecret,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue Sidecar sidecar) {

    /** A sidecar AI container (e.g. the Read OCR container) per worker pod; its secrets are {@code NAME: secret/key}. */
    public record Sidecar(
            @DefaultValue("") String name,
            @DefaultValue("") String image,
            @DefaultValue("5000") int port,
            @DefaultValue("/ready") String readinessPath,
            List<String> args,
            Map<String, String> env,
            Map<String, String> secretEnv,
            @DefaultValue("4") String cpu,
            @DefaultValue("8Gi") String memory) {

        Optional<SidecarContainer> container() {
            if (image.isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new SidecarContainer(
                    name.isBlank() ? "ai" : name,
                    image,
                    port,
                    readinessPath,
                    args,
                    env,
                    secretEnv,
                    ContainerResources.guaranteed(cpu, memory)));
        }
    }

    public KubernetesSettings {
        Map<String, String> selector = new java.util.TreeMap<>(nodeSelector == null ? Map.of() : nodeSelector);
        for (String pair : nodeSelectorLabels.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("aibatch.kubernetes.node-selector-labels entry '" + pair.strip()
                        + "' must look like key=value, e.g. kubernetes.azure.com/agentpool=gpu");
            }
            selector.put(
                    pair.substring(0, equals).strip(),
                    pair.substring(equals + 1).strip());
        }
        nodeSelector = Map.copyOf(selector);
    }

    /** These settings with another image for the manager and worker pods ({@code k8s submit --image}). */
    public KubernetesSettings withImage(String otherImage) {
        return new KubernetesSettings(
                namespace,
                otherImage,
                serviceAccount,
                managerServiceAccount,
                "",
                parallelism,
                backoffLimitPerIndex,
                activeDeadline,
                ttlAfterFinished,
                cpuRequest,
                memoryRequest,
                cpuLimit,
                memoryLimit,
                gpus,
                nodeSelector,
                "",
                kueueQueue,
                repositorySecret,
                pollInterval,
                sidecar);
    }

    /** The Indexed Job of a run with {@code slices} slices whose pods run {@code workerArgs}. */
    public IndexedJobSpec indexedJob(String runId, String jobName, int slices, List<String> workerArgs) {
        if (image.isBlank()) {
            throw new IllegalArgumentException(
                    "--partition-handler kubernetes needs the worker image: set aibatch.kubernetes.image "
                            + "(e.g. myregistry.azurecr.io/aibatch:0.1.0)");
        }
        ContainerResources resources = new ContainerResources(cpuRequest, memoryRequest, cpuLimit, memoryLimit, gpus);
        IndexedJobSpec.Builder builder = IndexedJobSpec.builder(runId, jobName, image)
                .args(workerArgs)
                .completions(slices)
                .parallelism(parallelism <= 0 ? slices : Math.min(parallelism, slices))
                .backoffLimitPerIndex(backoffLimitPerIndex)
                .activeDeadlineSeconds(activeDeadline.toSeconds())
                .ttlSecondsAfterFinished((int) ttlAfterFinished.toSeconds())
                .namespace(namespace)
                .serviceAccount(serviceAccount)
                .nodeSelector(nodeSelector)
                .tolerations(gpus > 0 ? List.of(PodToleration.gpuNoSchedule()) : List.of())
                .resources(resources);
        if (!repositorySecret.isBlank()) {
            builder.secretEnv(Map.of(
                    "AIBATCH_JOB_REPOSITORY_USERNAME",
                    repositorySecret + "/username",
                    "AIBATCH_JOB_REPOSITORY_PASSWORD",
                    repositorySecret + "/password"));
        }
        if (!kueueQueue.isBlank()) {
            builder.kueueQueueName(kueueQueue);
        }
        sidecar.container().ifPresent(builder::sidecar);
        return builder.build();
    }
}
