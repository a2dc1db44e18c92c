package io.aibatch.k8s;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pod that runs a run's manager (the JVM that plans the run, submits the Indexed Job and waits).
 * Its run id is the name of the manager Job that owns it, read through the downward API: every pod
 * the Job restarts gets the same run id and so re-attaches to the same Indexed Job, while each Job a
 * CronJob starts gets a new one.
 *
 * @param image          application image
 * @param args           arguments after the entrypoint, e.g. run document-pipeline --partitions 8 ...
 * @param serviceAccount service account allowed to manage Jobs (see manifests/base/rbac.yaml)
 * @param resources      requests and limits of the manager container
 * @param env            extra environment
 */
public record ManagerPodTemplate(
        String image, List<String> args, String serviceAccount, ContainerResources resources, Map<String, String> env) {

    public static final String MANAGER_CONTAINER = "manager";
    /** Set by the Job controller on every pod (Kubernetes 1.27+). */
    public static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";

    public ManagerPodTemplate {
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("manager image is empty: pass the aibatch application image");
        }
        if (serviceAccount == null || serviceAccount.isBlank()) {
            throw new IllegalArgumentException(
                    "manager serviceAccount is empty: use the one bound to the aibatch-manager Role");
        }
        if (resources == null) {
            throw new IllegalArgumentException(
                    "manager resources are missing: every container needs requests and limits");
        }
        args = List.copyOf(args == null ? List.of() : args);
        env = Map.copyOf(env == null ? Map.of() : env);
    }

    public PodTemplateSpec toPodTemplate() {
        List<EnvVar> envVars = new ArrayList<>();
        envVars.add(new EnvVarBuilder()
                .withName(AibatchLabels.RUN_ID_ENV)
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("metadata.labels['" + JOB_NAME_LABEL + "']")
                .endFieldRef()
                .endValueFrom()
                .build());
        new TreeMap<>(env).forEach((name, value) -> envVars.add(new EnvVar(name, value, null)));
        return new PodTemplateSpecBuilder()
                .withNewMetadata()
                .addToLabels("app.kubernetes.io/name", "aibatch")
                .addToLabels("app.kubernetes.io/component", "manager")
                .addToLabels(IndexedJobFactory.WORKLOAD_IDENTITY_LABEL, "true")
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withServiceAccountName(serviceAccount)
                .withSecurityContext(PodSecurity.podSecurityContext())
                .addNewContainer()
                .withName(MANAGER_CONTAINER)
                .withImage(image)
                .withArgs(args)
                .withEnv(envVars)
                .withResources(resources.toRequirements())
                .withSecurityContext(PodSecurity.containerSecurityContext())
                .withVolumeMounts(PodSecurity.tmpMount())
                .endContainer()
                .withVolumes(PodSecurity.tmpVolume())
                .endSpec()
                .build();
    }
}
