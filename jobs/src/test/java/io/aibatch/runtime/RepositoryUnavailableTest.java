package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shared job repository that cannot be opened (a wrong password, a database that is down) is an operator's mistake:
 * every command says so in one line naming the database's own reason. {@code run} used to print Spring's "Application
 * run failed" ERROR with a 119-line stack trace and a one-line error that named a bean ('planStep'), not the cause.
 */
class RepositoryUnavailableTest {

    /** Nothing listens on port 1. */
    private static final String UNREACHABLE = "jdbc:postgresql://127.0.0.1:1/aibatch";

    @TempDir
    Path dir;

    @Test
    void runOnAnUnreachableRepositoryIsOneLineNamingTheDatabaseAndItsReason() throws Exception {
        Path input = Files.createDirectories(dir.resolve("in"));
        Files.writeString(input.resolve("note.txt"), "A short note.");
        Path log = dir.resolve("run.log");

        Process run = CliProcess.start(
                log,
                List.of(),
                List.of(
                        "run",
                        "document-pipeline",
                        "--input",
                        input.toString(),
                        "--output",
                        dir.resolve("out").toString(),
                        "--work-dir",
                        dir.resolve("work").toString(),
                        "--job-repository",
                        UNREACHABLE,
                        "--skip-preflight"));
        assertThat(run.waitFor(2, TimeUnit.MINUTES)).isTrue();

        List<String> lines = Files.readAllLines(log);
        assertThat(run.exitValue()).as(String.join("\n", lines)).isEqualTo(ExitCodes.FAILED);
        assertThat(lines)
                .as("the whole output")
                .singleElement()
                .asString()
                .startsWith("aibatch: could not open the job repository " + UNREACHABLE + ": ")
                .contains("Connection", "refused")
                .contains("--verbose prints the stack trace");
    }
}
