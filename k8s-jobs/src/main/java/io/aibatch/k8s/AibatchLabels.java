package io.aibatch.k8s;

/** Label and environment names shared by the factories, the client and the manifests. */
public final class AibatchLabels {

    /** Run id of the batch run; the key a restarted manager uses to find its Job again. */
    public static final String RUN_ID = "aibatch.io/run-id";
    /** Name of the batch job (e.g. document-pipeline). */
    public static final String JOB = "aibatch.io/job";
    /** Kueue's queue label: a Job carrying it waits (suspended) until Kueue admits it. */
    public static final String KUEUE_QUEUE_NAME = "kueue.x-k8s.io/queue-name";
    /** Label the Job controller puts on each pod of an Indexed Job (Kubernetes 1.28+). */
    public static final String COMPLETION_INDEX = "batch.kubernetes.io/job-completion-index";

    /** Environment variable telling each pod which run it belongs to. */
    public static final String RUN_ID_ENV = "AIBATCH_RUN_ID";
    /** Environment variable telling each pod how many slices the run has. */
    public static final String SLICE_COUNT_ENV = "AIBATCH_SLICE_COUNT";
    /**
     * Environment variable telling each pod how many pods of its run work at once (the Job's parallelism): the
     * backends' rate caps are shared among them.
     */
    public static final String WORKER_JVMS_ENV = "AIBATCH_WORKER_JVMS";
    /** Environment variable pointing the worker at its native sidecar AI container. */
    public static final String SIDECAR_URL_ENV = "AIBATCH_AI_ENDPOINT";

    private AibatchLabels() {}
}
