package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * kill -9 in the middle of a run, then {@code restart --run-id} from another process: every input
 * must appear exactly once across results and dead-letters.
 */
class KillAndRestartTest {

    @TempDir
    Path dir;

    @Test
    void aRunKilledWithSigkillIsFinishedByRestartWithEveryItemExactlyOnce() throws Exception {
        Path input = dir.resolve("in");
        Files.createDirectories(input);
        // documents plus bad inputs, so both outputs are exercised across the kill
        for (Path document : SampleData.files(SampleData.DOCUMENTS)) {
            Files.copy(document, input.resolve(document.getFileName()));
        }
        for (Path bad : SampleData.files(SampleData.BAD)) {
            Files.copy(bad, input.resolve("bad-" + bad.getFileName()));
        }
        int inputs = SampleData.files(input).size();
        Path output = dir.resolve("out");
        List<String> common = List.of("--work-dir", dir.resolve("wd").toString());

        Process first = cli(
                dir.resolve("first.log"),
                concat(
                        List.of(
                                "run",
                                "document-pipeline",
                                "--input",
                                input.toString(),
                                "--output",
                                output.toString(),
                                "--partitions",
                                "3",
                                "--run-id",
                                "killed"),
                        common));
        int linesAtKill = CliProcess.waitForResultLines(output, 6, first, Duration.ofMinutes(3));
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(linesAtKill).as("the run was killed part way").isLessThan(inputs);

        Process restart = cli(dir.resolve("restart.log"), concat(List.of("restart", "--run-id", "killed"), common));
        assertThat(restart.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(restart.exitValue())
                .as(Files.readString(dir.resolve("restart.log")))
                .isEqualTo(ExitCodes.COMPLETED);

        RunOutput run = RunOutput.read(output);
        assertThat(run.occurrencesBySource())
                .hasSize(inputs)
                .allSatisfy((source, count) -> assertThat(count).as(source).isOne());
        JsonNode report = run.report();
        assertThat(report.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(report.get("executions").asInt()).isEqualTo(2);
        assertThat(report.at("/items/read").asLong()).isEqualTo(inputs);
        assertThat(report.at("/items/written").asLong()).isEqualTo(run.results().size());
        assertThat(report.at("/items/deadLettered").asLong())
                .isEqualTo(run.deadLetters().size());
        System.out.printf(
                "killed after %d of %d result lines; restart completed the run exactly once%n", linesAtKill, inputs);
    }

    /** The CLI in a separate JVM; small chunks so a kill lands between commits. */
    private static Process cli(Path log, List<String> arguments) throws IOException {
        return CliProcess.start(
                log,
                List.of("-Daibatch.chunk-size=2", "-Daibatch.ocr.threads=2", "-Daibatch.enrichment=false"),
                arguments);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
