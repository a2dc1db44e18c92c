package io.aibatch.k8s;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything needed to run the slices of one batch run as one Kubernetes Indexed Job: pod i runs
 * slice i (it reads JOB_COMPLETION_INDEX, set by Kubernetes, and {@value AibatchLabels#RUN_ID_ENV}).
 * Build it with {@link #builder(String, String, String)}; the canonical constructor checks every value.
 *
 * @param runId                  run id; also a label value, so at most 63 of [A-Za-z0-9-_.]
 * @param jobName                batch job name, e.g. document-pipeline
 * @param image                  worker image
 * @param args                   arguments of the worker container (the image's entrypoint runs them)
 * @param completions            number of slices: pods 0..completions-1
 * @param parallelism            how many slices run at once
 * @param backoffLimitPerIndex   retries of one slice before that index counts as failed
 * @param maxFailedIndexes       failed slices tolerated before the whole Job fails early
 * @param activeDeadlineSeconds  wall-clock limit of the whole Job
 * @param ttlSecondsAfterFinished how long the finished Job (and its pods' logs) stay for inspection
 * @param namespace              namespace of the Job
 * @param serviceAccount         service account of the worker pods (Workload Identity)
 * @param nodeSelector           node labels the pods must run on (e.g. a GPU pool)
 * @param tolerations            taints the pods tolerate (e.g. nvidia.com/gpu)
 * @param resources              requests and limits of the worker container
 * @param env                    extra environment of the worker container
 * @param secretEnv              environment taken from Secrets: variable name to {@code secret/key} (credentials never in the spec)
 * @param sidecar                optional AI backend run as a native sidecar, reached on localhost
 * @param kueueQueueName         optional Kueue LocalQueue; the Job is then created suspended for Kueue to admit
 * @param configErrorExitCode    exit code by which a worker says "configuration is wrong": fails the Job at once
 */
public record IndexedJobSpec(
        String runId,
        String jobName,
        String image,
        List<String> args,
        int completions,
        int parallelism,
        int backoffLimitPerIndex,
        int maxFailedIndexes,
        long activeDeadlineSeconds,
        int ttlSecondsAfterFinished,
        String namespace,
        String serviceAccount,
        Map<String, String> nodeSelector,
        List<PodToleration> tolerations,
        ContainerResources resources,
        Map<String, String> env,
        Map<String, String> secretEnv,
        Optional<SidecarContainer> sidecar,
        Optional<String> kueueQueueName,
        int configErrorExitCode) {

    /** Kubernetes caps completions at 100,000 when backoffLimitPerIndex is used. */
    public static final int MAX_COMPLETIONS = 100_000;
    /** sysexits.h EX_CONFIG. */
    public static final int DEFAULT_CONFIG_ERROR_EXIT_CODE = 78;

    public IndexedJobSpec {
        if (!JobNames.isValidLabelValue(runId) || runId.isEmpty()) {
            throw new IllegalArgumentException(
                    "runId '" + runId
                            + "' cannot be a label value: use at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
        }
        if (!JobNames.isValidLabelValue(jobName) || jobName.isEmpty()) {
            throw new IllegalArgumentException("jobName '" + jobName
                    + "' cannot be a label value: use at most 63 letters, digits, '-', '_' or '.'");
        }
        require(
                image != null && !image.isBlank(),
                "image is empty: pass the worker image, e.g. myregistry.azurecr.io/aibatch:1.0");
        require(
                completions >= 1 && completions <= MAX_COMPLETIONS,
                "completions (slices) is " + completions + ": use 1.." + MAX_COMPLETIONS);
        require(
                parallelism >= 1 && parallelism <= completions,
                "parallelism is " + parallelism + " for " + completions + " slices: use 1.." + completions);
        require(
                backoffLimitPerIndex >= 0,
                "backoffLimitPerIndex is " + backoffLimitPerIndex + ": use 0 (no retry) or more");
        require(
                maxFailedIndexes >= 0 && maxFailedIndexes <= completions,
                "maxFailedIndexes is " + maxFailedIndexes + " for " + completions + " slices: use 0.." + completions);
        require(
                activeDeadlineSeconds > 0,
                "activeDeadlineSeconds is " + activeDeadlineSeconds + ": give the Job a positive wall-clock limit");
        require(
                ttlSecondsAfterFinished >= 0,
                "ttlSecondsAfterFinished is " + ttlSecondsAfterFinished + ": use 0 or more");
        require(
                namespace != null && namespace.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") && namespace.length() <= 63,
                "namespace '" + namespace + "' is not a DNS-1123 label");
        require(
                serviceAccount != null && !serviceAccount.isBlank(),
                "serviceAccount is empty: the worker pods need one federated with Workload Identity, e.g. aibatch-worker");
        require(resources != null, "resources are missing: every container needs requests and limits");
        require(
                configErrorExitCode >= 1 && configErrorExitCode <= 255,
                "configErrorExitCode is " + configErrorExitCode
                        + ": Kubernetes matches exit codes 1..255 (0 is success)");
        args = List.copyOf(args == null ? List.of() : args);
        nodeSelector = Map.copyOf(nodeSelector == null ? Map.of() : nodeSelector);
        tolerations = List.copyOf(tolerations == null ? List.of() : tolerations);
        env = Map.copyOf(env == null ? Map.of() : env);
        secretEnv = Map.copyOf(secretEnv == null ? Map.of() : secretEnv);
        secretEnv.forEach((name, reference) -> require(
                reference.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?/[-._a-zA-Z0-9]+"),
                "secretEnv " + name + " = '" + reference + "' must be secret-name/key"));
        for (String reserved : List.of(
                AibatchLabels.RUN_ID_ENV,
                AibatchLabels.SLICE_COUNT_ENV,
                AibatchLabels.WORKER_JVMS_ENV,
                AibatchLabels.SIDECAR_URL_ENV,
                "JOB_COMPLETION_INDEX")) {
            require(
                    !env.containsKey(reserved),
                    "env sets " + reserved + ", which the Job sets itself: remove it from env");
        }
        sidecar = sidecar == null ? Optional.empty() : sidecar;
        kueueQueueName = kueueQueueName == null ? Optional.empty() : kueueQueueName;
        kueueQueueName.ifPresent(queue -> require(
                JobNames.isValidLabelValue(queue) && !queue.isEmpty(),
                "kueueQueueName '" + queue + "' cannot be a label value"));
    }

    /** The deterministic Kubernetes name of this run's Job. */
    public String kubernetesJobName() {
        return JobNames.forRun(jobName, runId);
    }

    /** Environment sorted by name, so the generated Job is the same on every call. */
    public Map<String, String> sortedEnv() {
        return new TreeMap<>(env);
    }

    public static Builder builder(String runId, String jobName, String image) {
        return new Builder(runId, jobName, image);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Defaults: 1 slice, all at once, 2 retries per slice, 24 h deadline, kept 7 days, namespace aibatch. */
    public static final class Builder {
        private final String runId;
        private final String jobName;
        private final String image;
        private List<String> args = List.of();
        private int completions = 1;
        private Integer parallelism;
        private int backoffLimitPerIndex = 2;
        private Integer maxFailedIndexes;
        private long activeDeadlineSeconds = 24 * 3600L;
        private int ttlSecondsAfterFinished = 7 * 24 * 3600;
        private String namespace = "aibatch";
        private String serviceAccount = "aibatch-worker";
        private Map<String, String> nodeSelector = Map.of();
        private List<PodToleration> tolerations = List.of();
        private ContainerResources resources = new ContainerResources("1", "2Gi", "2", "4Gi", 0);
        private Map<String, String> env = Map.of();
        private Map<String, String> secretEnv = Map.of();
        private SidecarContainer sidecar;
        private String kueueQueueName;
        private int configErrorExitCode = DEFAULT_CONFIG_ERROR_EXIT_CODE;

        private Builder(String runId, String jobName, String image) {
            this.runId = runId;
            this.jobName = jobName;
            this.image = image;
        }

        public Builder args(List<String> value) {
            this.args = value;
            return this;
        }

        public Builder completions(int value) {
            this.completions = value;
            return this;
        }
        /** Defaults to completions: every slice at once. */
        public Builder parallelism(int value) {
            this.parallelism = value;
            return this;
        }

        public Builder backoffLimitPerIndex(int value) {
            this.backoffLimitPerIndex = value;
            return this;
        }
        /** Defaults to completions: run every slice even when some fail, then fail the Job. */
        public Builder maxFailedIndexes(int value) {
            this.maxFailedIndexes = value;
            return this;
        }

        public Builder activeDeadlineSeconds(long value) {
            this.activeDeadlineSeconds = value;
            return this;
        }

        public Builder ttlSecondsAfterFinished(int value) {
            this.ttlSecondsAfterFinished = value;
            return this;
        }

        public Builder namespace(String value) {
            this.namespace = value;
            return this;
        }

        public Builder serviceAccount(String value) {
            this.serviceAccount = value;
            return this;
        }

        public Builder nodeSelector(Map<String, String> value) {
            this.nodeSelector = value;
            return this;
        }

        public Builder tolerations(List<PodToleration> value) {
            this.tolerations = value;
            return this;
        }

        public Builder resources(ContainerResources value) {
            this.resources = value;
            return this;
        }

        public Builder env(Map<String, String> value) {
            this.env = value;
            return this;
        }

        public Builder secretEnv(Map<String, String> value) {
            this.secretEnv = value;
            return this;
        }

        public Builder sidecar(SidecarContainer value) {
            this.sidecar = value;
            return this;
        }

        public Builder kueueQueueName(String value) {
            this.kueueQueueName = value;
            return this;
        }

        public Builder configErrorExitCode(int value) {
            this.configErrorExitCode = value;
            return this;
        }

        public IndexedJobSpec build() {
            return new IndexedJobSpec(
                    runId,
                    jobName,
                    image,
                    args,
                    completions,
                    parallelism == null ? completions : parallelism,
                    backoffLimitPerIndex,
                    maxFailedIndexes == null ? completions : maxFailedIndexes,
                    activeDeadlineSeconds,
                    ttlSecondsAfterFinished,
                    namespace,
                    serviceAccount,
                    nodeSelector,
                    tolerations,
                    resources,
                    env,
                    secretEnv,
                    Optional.ofNullable(sidecar),
                    Optional.ofNullable(kueueQueueName),
                    configErrorExitCode);
        }
    }
}
