package io.aibatch.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicy;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the Kubernetes Indexed Job of one run from an {@link IndexedJobSpec}. The result depends
 * only on the spec: building twice gives equal Jobs.
 */
public final class IndexedJobFactory {

    /** Name of the container that runs the slice; the pod failure policy and the logs look at it. */
    public static final String WORKER_CONTAINER = "worker";

    static final String WORKLOAD_IDENTITY_LABEL = "azure.workload.identity/use";

    public Job build(IndexedJobSpec spec) {
        Map<String, String> podLabels = podLabels(spec);
        Map<String, String> jobLabels = new LinkedHashMap<>(podLabels);
        jobLabels.remove(WORKLOAD_IDENTITY_LABEL);
        spec.kueueQueueName().ifPresent(queue -> jobLabels.put(AibatchLabels.KUEUE_QUEUE_NAME, queue));

        return new JobBuilder()
                .withNewMetadata()
                .withName(spec.kubernetesJobName())
                .withNamespace(spec.namespace())
                .withLabels(jobLabels)
                .endMetadata()
                .withNewSpec()
                .withCompletionMode("Indexed")
                .withCompletions(spec.completions())
                .withParallelism(spec.parallelism())
                .withBackoffLimitPerIndex(spec.backoffLimitPerIndex())
                .withMaxFailedIndexes(spec.maxFailedIndexes())
                .withPodFailurePolicy(podFailurePolicy(spec))
                .withPodReplacementPolicy("Failed")
                .withActiveDeadlineSeconds(spec.activeDeadlineSeconds())
                .withTtlSecondsAfterFinished(spec.ttlSecondsAfterFinished())
                // Kueue admits a queued Job by unsuspending it; without a queue the Job starts at once.
                .withSuspend(spec.kueueQueueName().isPresent() ? Boolean.TRUE : null)
                .withTemplate(podTemplate(spec, podLabels))
                .endSpec()
                .build();
    }

    /**
     * A worker exiting with the config-error code fails the whole Job at once (retrying cannot help);
     * a pod evicted or preempted (DisruptionTarget) is retried without using up the slice's retries.
     */
    private static PodFailurePolicy podFailurePolicy(IndexedJobSpec spec) {
        return new PodFailurePolicyBuilder()
                .addNewRule()
                .withAction("FailJob")
                .withNewOnExitCodes()
                .withContainerName(WORKER_CONTAINER)
                .withOperator("In")
                .withValues(spec.configErrorExitCode())
                .endOnExitCodes()
                .endRule()
                .addNewRule()
                .withAction("Ignore")
                .addNewOnPodCondition()
                .withType("DisruptionTarget")
                .withStatus("True")
                .endOnPodCondition()
                .endRule()
                .build();
    }

    private static Map<String, String> podLabels(IndexedJobSpec spec) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "aibatch");
        labels.put("app.kubernetes.io/component", "worker");
        labels.put(AibatchLabels.RUN_ID, spec.runId());
        labels.put(AibatchLabels.JOB, spec.jobName());
        labels.put(WORKLOAD_IDENTITY_LABEL, "true");
        return labels;
    }

    private static PodTemplateSpec podTemplate(IndexedJobSpec spec, Map<String, String> podLabels) {
        List<Container> initContainers = spec.sidecar()
                .map(IndexedJobFactory::sidecarContainer)
                .map(List::of)
                .orElse(List.of());
        return new PodTemplateSpecBuilder()
                .withNewMetadata()
                .withLabels(podLabels)
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withServiceAccountName(spec.serviceAccount())
                // Workload Identity mounts its own token; the Kubernetes API token is not needed by workers.
                .withAutomountServiceAccountToken(false)
                .withSecurityContext(PodSecurity.podSecurityContext())
                .withNodeSelector(new TreeMap<>(spec.nodeSelector()))
                .withTolerations(spec.tolerations().stream()
                        .map(PodToleration::toToleration)
                        .toList())
                .withInitContainers(initContainers)
                .withContainers(workerContainer(spec))
                .withVolumes(PodSecurity.tmpVolume())
                .endSpec()
                .build();
    }

    private static Container workerContainer(IndexedJobSpec spec) {
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVar(AibatchLabels.RUN_ID_ENV, spec.runId(), null));
        env.add(new EnvVar(AibatchLabels.SLICE_COUNT_ENV, Integer.toString(spec.completions()), null));
        // at most this many pods call the backends at once: each keeps to its share of their rate caps
        env.add(new EnvVar(AibatchLabels.WORKER_JVMS_ENV, Integer.toString(spec.parallelism()), null));
        spec.sidecar()
                .ifPresent(sidecar -> env.add(new EnvVar(AibatchLabels.SIDECAR_URL_ENV, sidecar.localUrl(), null)));
        spec.sortedEnv().forEach((name, value) -> env.add(new EnvVar(name, value, null)));
        new TreeMap<>(spec.secretEnv()).forEach((name, reference) -> env.add(secretKeyRef(name, reference)));
        return new ContainerBuilder()
                .withName(WORKER_CONTAINER)
                .withImage(spec.image())
                .withArgs(spec.args())
                .withEnv(env)
                .withResources(spec.resources().toRequirements())
                .withSecurityContext(PodSecurity.containerSecurityContext())
                .withVolumeMounts(PodSecurity.tmpMount())
                .build();
    }

    /** An environment variable read from {@code secret/key}. */
    private static EnvVar secretKeyRef(String name, String reference) {
        String[] secretAndKey = reference.split("/", 2);
        return new EnvVarBuilder()
                .withName(name)
                .withNewValueFrom()
                .withNewSecretKeyRef(secretAndKey[1], secretAndKey[0], false)
                .endValueFrom()
                .build();
    }

    /** A native sidecar: an init container that keeps running (restartPolicy Always). */
    private static Container sidecarContainer(SidecarContainer sidecar) {
        List<EnvVar> env = new ArrayList<>();
        new TreeMap<>(sidecar.env()).forEach((name, value) -> env.add(new EnvVar(name, value, null)));
        new TreeMap<>(sidecar.secretEnv()).forEach((name, reference) -> env.add(secretKeyRef(name, reference)));
        return new ContainerBuilder()
                .withName(sidecar.name())
                .withImage(sidecar.image())
                .withRestartPolicy("Always")
                .withArgs(sidecar.args())
                .withEnv(env)
                .addNewPort()
                .withName("http")
                .withContainerPort(sidecar.port())
                .endPort()
                // The worker starts only once the startup probe passes; model loading may take minutes.
                .withStartupProbe(httpProbe(sidecar, 5, 120))
                .withReadinessProbe(httpProbe(sidecar, 10, 3))
                .withResources(sidecar.resources().toRequirements())
                .withSecurityContext(PodSecurity.containerSecurityContext())
                .withVolumeMounts(PodSecurity.tmpMount())
                .build();
    }

    private static Probe httpProbe(SidecarContainer sidecar, int periodSeconds, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet()
                .withPath(sidecar.readinessPath())
                .withPort(new IntOrString(sidecar.port()))
                .endHttpGet()
                .withPeriodSeconds(periodSeconds)
                .withFailureThreshold(failureThreshold)
                .build();
    }
}
