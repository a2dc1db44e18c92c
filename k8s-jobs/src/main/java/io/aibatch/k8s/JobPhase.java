package io.aibatch.k8s;

/** Where an Indexed Job stands, read from its status conditions. */
public enum JobPhase {
    /** Created with spec.suspend (waiting for Kueue to admit it). */
    SUSPENDED(false),
    /** Slices are running or waiting for a node. */
    RUNNING(false),
    /** Condition FailureTarget: the Job will fail; its pods are being terminated. */
    FAILING(false),
    /** Condition Complete: every slice succeeded. */
    SUCCEEDED(true),
    /** Condition Failed: a slice ran out of retries, too many failed, the deadline passed, or a config error. */
    FAILED(true),
    /** The Job is gone: cancelled, or removed by ttlSecondsAfterFinished. */
    DELETED(true);

    private final boolean finished;

    JobPhase(boolean finished) {
        this.finished = finished;
    }

    public boolean isFinished() {
        return finished;
    }
}
