package io.aibatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.runtime.CloudLlmBatch;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import picocli.CommandLine;

/** The manager command lines in the Kubernetes manifests are ones this CLI accepts. */
class ManifestArgumentsTest {

    private static final Path BASE = Path.of("..", "k8s-jobs", "manifests", "base");

    @Test
    void managerJobAndCronJobArgumentsParse() throws Exception {
        Job job = Serialization.unmarshal(Files.readString(BASE.resolve("manager-job.yaml")), Job.class);
        CronJob cron = Serialization.unmarshal(Files.readString(BASE.resolve("manager-cronjob.yaml")), CronJob.class);
        assertParses(job.getSpec().getTemplate().getSpec().getContainers().get(0));
        assertParses(cron.getSpec()
                .getJobTemplate()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0));
    }

    @Test
    void managersTellTheCollectStepTheirJobsDeadline() throws Exception {
        Job job = Serialization.unmarshal(Files.readString(BASE.resolve("manager-job.yaml")), Job.class);
        CronJob cron = Serialization.unmarshal(Files.readString(BASE.resolve("manager-cronjob.yaml")), CronJob.class);
        JobSpec cronJob = cron.getSpec().getJobTemplate().getSpec();
        for (JobSpec spec : List.of(job.getSpec(), cronJob)) {
            Container manager = spec.getTemplate().getSpec().getContainers().get(0);
            String deadline = manager.getEnv().stream()
                    .filter(env -> env.getName().equals("AIBATCH_CLOUD_LLM_BATCH_JOB_DEADLINE"))
                    .map(EnvVar::getValue)
                    .findFirst()
                    .orElseThrow();
            Duration told = DurationStyle.detectAndParse(deadline);
            assertThat(told).isEqualTo(Duration.ofSeconds(spec.getActiveDeadlineSeconds()));
            // the batch window is 24 h: the deadline leaves the default max-wait after the margin
            assertThat(told.minus(CloudLlmBatch.DEADLINE_MARGIN)).isGreaterThan(CloudLlmBatch.DEFAULTS.maxWait());
        }
    }

    private static void assertParses(Container manager) {
        // Kubernetes expands $(VAR) from the environment; any value will do for parsing
        List<String> args = manager.getArgs().stream()
                .map(arg -> arg.replaceAll("\\$\\(([A-Z_]+)\\)", "8"))
                .toList();
        CommandLine.ParseResult parsed = AibatchCommand.commandLine().parseArgs(args.toArray(String[]::new));
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("run");
        assertThat(parsed.subcommand().matchedOptionValue("--partition-handler", ""))
                .isEqualTo("kubernetes");
        assertThat(parsed.subcommand().hasMatchedOption("--resume")).isTrue();
    }
}
