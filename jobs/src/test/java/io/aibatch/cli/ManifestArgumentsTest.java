package io.aibatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
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
