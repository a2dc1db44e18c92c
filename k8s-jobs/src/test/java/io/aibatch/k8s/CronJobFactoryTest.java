package io.aibatch.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobList;
import org.junit.jupiter.api.Test;

class CronJobFactoryTest {

    @Test
    void schedulesTheManagerWithoutOverlap() {
        CronSchedule schedule =
                new CronSchedule("document-pipeline-nightly", "aibatch", "0 2 * * *", "Europe/Paris", 300, 3, 5, 2);

        CronJob cron = new CronJobFactory()
                .build(schedule, FactoryExamples.managerPod().toPodTemplate());

        assertThat(cron.getSpec().getSchedule()).isEqualTo("0 2 * * *");
        assertThat(cron.getSpec().getTimeZone()).isEqualTo("Europe/Paris");
        assertThat(cron.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        assertThat(cron.getSpec().getStartingDeadlineSeconds()).isEqualTo(300L);
        assertThat(cron.getSpec().getSuccessfulJobsHistoryLimit()).isEqualTo(3);
        assertThat(cron.getSpec().getFailedJobsHistoryLimit()).isEqualTo(5);
        assertThat(cron.getSpec().getJobTemplate().getSpec().getBackoffLimit()).isEqualTo(2);
        PodTemplateSpec pod = cron.getSpec().getJobTemplate().getSpec().getTemplate();
        assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("aibatch-manager");
        EnvVar runId = pod.getSpec().getContainers().get(0).getEnv().get(0);
        assertThat(runId.getName()).isEqualTo(AibatchLabels.RUN_ID_ENV);
        assertThat(runId.getValueFrom().getFieldRef().getFieldPath())
                .isEqualTo("metadata.labels['batch.kubernetes.io/job-name']");
    }

    @Test
    void theMockApiServerStoresAndListsIt() {
        try (MockKubernetes kubernetes = new MockKubernetes()) {
            CronJob cron = new CronJobFactory()
                    .build(
                            CronSchedule.of("nightly", "aibatch", "@daily"),
                            FactoryExamples.managerPod().toPodTemplate());
            kubernetes
                    .client()
                    .batch()
                    .v1()
                    .cronjobs()
                    .inNamespace("aibatch")
                    .resource(cron)
                    .create();

            CronJobList stored = kubernetes
                    .client()
                    .batch()
                    .v1()
                    .cronjobs()
                    .inNamespace("aibatch")
                    .list();
            assertThat(stored.getItems()).singleElement().satisfies(item -> assertThat(
                            item.getSpec().getConcurrencyPolicy())
                    .isEqualTo("Forbid"));
        }
    }

    @Test
    void badSchedulesAndPodTemplatesAreRefused() {
        assertThatThrownBy(() -> CronSchedule.of("nightly", "aibatch", "every night"))
                .hasMessageContaining("is not a 5-field cron expression");
        assertThatThrownBy(() -> CronSchedule.of("n".repeat(53), "aibatch", "@daily"))
                .hasMessageContaining("at most 52 characters");
        PodTemplateSpec alwaysRestart = FactoryExamples.managerPod().toPodTemplate();
        alwaysRestart.getSpec().setRestartPolicy("Always");
        assertThatThrownBy(() ->
                        new CronJobFactory().build(CronSchedule.of("nightly", "aibatch", "@daily"), alwaysRestart))
                .hasMessageContaining("restartPolicy Always: a Job's pods need Never or OnFailure");
    }
}
