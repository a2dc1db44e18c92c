package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Worker processes and pods need a job repository they can share. Asking for them on the embedded H2 repository used
 * to plan the run and then fail it with a stack trace (a FAILED run an operator could only abandon); it is a one-line
 * usage error when the run is started, and no run is created.
 */
class PartitionHandlerPreconditionTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "processes, needs a job repository that several processes can share",
        "kubernetes, needs a job repository the pods can reach",
        "pods, unknown --partition-handler 'pods'; available:"
    })
    void aHandlerTheRepositoryCannotServeIsRefusedBeforeTheRunExists(String handler, String message) throws Exception {
        Path input = Files.createDirectories(dir.resolve("in"));
        Files.writeString(input.resolve("note.txt"), "A short note.");
        Path workDir = dir.resolve("work");

        CliRun run = CliRun.of(
                "run",
                "document-pipeline",
                "--input",
                input.toString(),
                "--output",
                dir.resolve("out").toString(),
                "--work-dir",
                workDir.toString(),
                "--run-id",
                "refused",
                "--partition-handler",
                handler,
                "--skip-preflight");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().lines().filter(l -> l.startsWith("aibatch: ")))
                .singleElement()
                .asString()
                .contains(message);
        assertThat(run.err()).doesNotContain("\tat ");
        assertThat(run.out()).doesNotContain("FAILED");
        assertThat(dir.resolve("out/report.json")).doesNotExist();
        CliRun status = CliRun.of("status", "--work-dir", workDir.toString(), "--run-id", "refused");
        assertThat(status.exit()).as(status.out() + status.err()).isNotZero();
    }
}
