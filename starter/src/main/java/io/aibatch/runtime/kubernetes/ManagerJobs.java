package io.aibatch.runtime.kubernetes;

import io.aibatch.k8s.AibatchLabels;
import io.aibatch.k8s.ContainerResources;
import io.aibatch.k8s.CronJobFactory;
import io.aibatch.k8s.CronSchedule;
import io.aibatch.k8s.ManagerPodTemplate;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The manager of a run as a Kubernetes Job (one run now) or CronJob (a run per schedule). The manager
 * pod runs {@code run <job> ... --resume --partition-handler kubernetes} with the run id taken from its
 * own Job name, so a manager pod restarted by its Job resumes the same run and re-attaches to its slices.
 */
public final class ManagerJobs {

    private final KubernetesSettings settings;

    public ManagerJobs(KubernetesSettings settings) {
        this.settings = settings;
    }

    /** The arguments of the manager container for {@code job} with the given run options. */
    public static List<String> managerArgs(String job, List<String> runOptions, String jobRepository) {
        List<String> args = new ArrayList<>(List.of("run", job));
        args.addAll(runOptions);
        // Kubernetes expands $(VAR) in args: the run id is the manager Job's name (downward API)
        args.addAll(List.of(
                "--run-id",
                "$(" + AibatchLabels.RUN_ID_ENV + ")",
                "--resume",
                "--partition-handler",
                "kubernetes",
                "--job-repository",
                jobRepository,
                "--work-dir",
                "/tmp/aibatch"));
        return args;
    }

    public Job managerJob(String name, String job, List<String> args) {
        return new JobBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(settings.namespace())
                .addToLabels("app.kubernetes.io/name", "aibatch")
                .addToLabels("app.kubernetes.io/component", "manager")
                .addToLabels(AibatchLabels.JOB, job)
                .endMetadata()
                .withNewSpec()
                .withBackoffLimit(2)
                .withTtlSecondsAfterFinished((int) settings.ttlAfterFinished().toSeconds())
                .withTemplate(podTemplate(args))
                .endSpec()
                .build();
    }

    public CronJob managerCronJob(CronSchedule schedule, List<String> args) {
        return new CronJobFactory().build(schedule, podTemplate(args));
    }

    private PodTemplateSpec podTemplate(List<String> args) {
        String image = settings.managerImage().isBlank() ? settings.image() : settings.managerImage();
        if (image.isBlank()) {
            throw new IllegalArgumentException(
                    "set aibatch.kubernetes.image (e.g. myregistry.azurecr.io/aibatch:0.1.0) for the manager and worker pods");
        }
        PodTemplateSpec template = new ManagerPodTemplate(
                        image,
                        args,
                        settings.managerServiceAccount(),
                        ContainerResources.guaranteed("1", "2Gi"),
                        java.util.Map.of())
                .toPodTemplate();
        if (!settings.repositorySecret().isBlank()) {
            List<EnvVar> env = template.getSpec().getContainers().get(0).getEnv();
            env.add(secretEnv("AIBATCH_JOB_REPOSITORY_USERNAME", "username"));
            env.add(secretEnv("AIBATCH_JOB_REPOSITORY_PASSWORD", "password"));
        }
        return template;
    }

    private EnvVar secretEnv(String name, String key) {
        return new EnvVarBuilder()
                .withName(name)
                .withNewValueFrom()
                .withNewSecretKeyRef(key, settings.repositorySecret(), false)
                .endValueFrom()
                .build();
    }
}
