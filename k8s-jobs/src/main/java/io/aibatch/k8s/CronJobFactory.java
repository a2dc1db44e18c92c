package io.aibatch.k8s;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import java.util.Map;
import java.util.Set;

/**
 * Builds a CronJob that starts a run's manager on a schedule. Runs never overlap (concurrencyPolicy
 * Forbid): a run still going when the next is due makes the controller skip the next one.
 */
public final class CronJobFactory {

    private static final Set<String> JOB_RESTART_POLICIES = Set.of("Never", "OnFailure");

    public CronJob build(CronSchedule schedule, PodTemplateSpec managerPod) {
        requireJobPodTemplate(managerPod);
        return new CronJobBuilder()
                .withNewMetadata()
                .withName(schedule.name())
                .withNamespace(schedule.namespace())
                .withLabels(Map.of("app.kubernetes.io/name", "aibatch", "app.kubernetes.io/component", "manager"))
                .endMetadata()
                .withNewSpec()
                .withSchedule(schedule.schedule())
                .withTimeZone(schedule.timeZone())
                .withConcurrencyPolicy("Forbid")
                .withStartingDeadlineSeconds(schedule.startingDeadlineSeconds())
                .withSuccessfulJobsHistoryLimit(schedule.successfulJobsHistoryLimit())
                .withFailedJobsHistoryLimit(schedule.failedJobsHistoryLimit())
                .withNewJobTemplate()
                .withNewSpec()
                .withBackoffLimit(schedule.managerBackoffLimit())
                .withTemplate(managerPod)
                .endSpec()
                .endJobTemplate()
                .endSpec()
                .build();
    }

    private static void requireJobPodTemplate(PodTemplateSpec managerPod) {
        if (managerPod == null
                || managerPod.getSpec() == null
                || managerPod.getSpec().getContainers() == null
                || managerPod.getSpec().getContainers().isEmpty()) {
            throw new IllegalArgumentException(
                    "the manager pod template has no container: build it with ManagerPodTemplate");
        }
        String restartPolicy = managerPod.getSpec().getRestartPolicy();
        if (!JOB_RESTART_POLICIES.contains(restartPolicy)) {
            throw new IllegalArgumentException("the manager pod template has restartPolicy " + restartPolicy
                    + ": a Job's pods need Never or OnFailure");
        }
    }
}
