package io.aibatch.k8s;

/** Points at the Kubernetes Job of one run. */
public record JobRef(String namespace, String name, String runId) {

    public JobRef {
        if (namespace == null
                || namespace.isBlank()
                || name == null
                || name.isBlank()
                || runId == null
                || runId.isBlank()) {
            throw new IllegalArgumentException("JobRef needs a namespace, a Job name and a run id; got " + namespace
                    + "/" + name + " for run " + runId);
        }
    }

    @Override
    public String toString() {
        return namespace + "/" + name + " (run " + runId + ")";
    }
}
