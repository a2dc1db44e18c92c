package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.document.HostileFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * An item that really kills its JVM: the decoding limits are lifted so that a 20000 × 20000 PNG is decoded in a
 * 256 MB heap, and -XX:+ExitOnOutOfMemoryError ends the process as in the image. The first restart tries the
 * items that were in flight one at a time, and the bomb kills the process again; the second restart
 * dead-letters it as {@code poison} without trying it, and the run completes with every other item written.
 */
class PoisonItemEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void anItemThatKillsItsProcessTwiceIsDeadLetteredAsPoisonAndTheRunCompletes() throws Exception {
        Path input = TestInputs.tinyScans(dir.resolve("in"), 3);
        Files.write(input.resolve("png-bomb.png"), HostileFiles.pngBomb());
        Path output = dir.resolve("out");
        List<String> where = List.of("--work-dir", dir.resolve("wd").toString());

        int first = cli(
                dir.resolve("run.log"),
                concat(
                        List.of(
                                "run",
                                "document-pipeline",
                                "--input",
                                input.toString(),
                                "--output",
                                output.toString(),
                                "--partitions",
                                "1",
                                "--run-id",
                                "poisoned"),
                        where));
        assertThat(first).as("the first run dies of the bomb").isNotZero();
        assertThat(Files.readString(dir.resolve("run.log"))).contains("OutOfMemoryError");

        int second = cli(dir.resolve("restart-1.log"), concat(List.of("restart", "--run-id", "poisoned"), where));
        assertThat(second).as("the bomb, tried alone, kills the process again").isNotZero();
        assertThat(Files.readString(dir.resolve("restart-1.log")))
                .contains("trying them one at a time", "OutOfMemoryError");

        int third = cli(dir.resolve("restart-2.log"), concat(List.of("restart", "--run-id", "poisoned"), where));
        assertThat(third)
                .as("log:\n%s", Files.readString(dir.resolve("restart-2.log")))
                .isZero();

        RunOutput run = RunOutput.read(output);
        assertThat(run.deadLetters()).singleElement().satisfies(line -> {
            assertThat(line.get("name").asString()).isEqualTo("png-bomb.png");
            assertThat(line.get("code").asString()).isEqualTo("poison");
        });
        assertThat(run.results()).hasSize(3);
        JsonNode report = run.report();
        assertThat(report.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(report.at("/items/read").asLong()).isEqualTo(4);
    }

    /** The CLI in a child JVM with a small heap, limits lifted so that the bomb is decoded, and exit on OOM. */
    private static int cli(Path log, List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+ExitOnOutOfMemoryError",
                "-Daibatch.document.enrichment=false",
                "-Daibatch.ocr.threads=1",
                "-Daibatch.documents.max-pixels=1000000000",
                "-Daibatch.documents.max-decoded-bytes=10000000000",
                "-cp",
                System.getProperty("java.class.path"),
                "io.aibatch.cli.AibatchCommand"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the CLI did not finish within 3 minutes; log:\n" + Files.readString(log));
        }
        return process.exitValue();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
