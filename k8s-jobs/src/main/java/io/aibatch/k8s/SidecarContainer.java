package io.aibatch.k8s;

import java.util.List;
import java.util.Map;

/**
 * An AI backend that runs next to the worker in the same pod as a Kubernetes native sidecar (an
 * init container with restartPolicy Always): it starts before the worker, stays up while the worker
 * runs, and is stopped when the worker exits, so the Job still completes. The worker reaches it on
 * {@code http://localhost:<port>}.
 *
 * @param name          container name, e.g. "read-ocr"
 * @param image         container image
 * @param port          port the backend listens on inside the pod
 * @param readinessPath HTTP path answering 200 once the backend can serve (the worker starts after it)
 * @param args          container arguments (may be empty)
 * @param env           plain environment variables (may be empty)
 * @param secretEnv     environment variables read from Secrets: env name to "secretName/key"
 * @param resources     requests and limits of the sidecar
 */
public record SidecarContainer(
        String name,
        String image,
        int port,
        String readinessPath,
        List<String> args,
        Map<String, String> env,
        Map<String, String> secretEnv,
        ContainerResources resources) {

    public SidecarContainer {
        if (name == null || !name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") || name.length() > 63) {
            throw new IllegalArgumentException(
                    "sidecar name '" + name + "' is not a DNS-1123 label: use lowercase letters, digits and '-'");
        }
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException(
                    "sidecar " + name + " has no image: pass the AI container image to run next to the worker");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("sidecar " + name + " port " + port + " is outside 1..65535");
        }
        if (readinessPath == null || !readinessPath.startsWith("/")) {
            throw new IllegalArgumentException(
                    "sidecar " + name + " readinessPath '" + readinessPath + "' must start with '/', e.g. /ready");
        }
        if (resources == null) {
            throw new IllegalArgumentException(
                    "sidecar " + name + " has no resources: every container needs requests and limits");
        }
        secretEnv = Map.copyOf(secretEnv == null ? Map.of() : secretEnv);
        secretEnv.forEach((variable, reference) -> {
            if (!reference.matches("[^/]+/[^/]+")) {
                throw new IllegalArgumentException("sidecar " + name + " env " + variable + " refers to '" + reference
                        + "': write it as secretName/key");
            }
        });
        args = List.copyOf(args == null ? List.of() : args);
        env = Map.copyOf(env == null ? Map.of() : env);
    }

    /** The URL the worker uses to reach this sidecar. */
    public String localUrl() {
        return "http://localhost:" + port;
    }
}
