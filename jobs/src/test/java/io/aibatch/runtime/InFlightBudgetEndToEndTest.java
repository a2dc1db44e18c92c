package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.document.TestDocuments;
import io.aibatch.simulator.Backend;
import io.aibatch.simulator.Simulator;
import io.aibatch.simulator.config.SimulatorConfig;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote OCR against a slow service holds every downloaded document until its call is done. Sixteen 60 MB
 * documents (a valid PNG header, the rest sparse) in a -Xmx512m worker are about 1 GB if all are held at once;
 * the in-flight byte budget (a quarter of the heap by default) keeps them waiting for memory instead.
 */
class InFlightBudgetEndToEndTest {

    private static final int FILES = 16;
    private static final long SIZE = 60L << 20;

    @TempDir
    Path dir;

    @Test
    void largeDownloadsWaitForTheBudgetInsteadOfExhaustingTheHeap() throws Exception {
        Path input = Files.createDirectories(dir.resolve("in"));
        byte[] header = TestDocuments.pngHeaderOnly(100, 100);
        for (int i = 0; i < FILES; i++) {
            try (RandomAccessFile file = new RandomAccessFile(
                    input.resolve("big-%02d.png".formatted(i)).toFile(), "rw")) {
                file.write(header);
                file.setLength(SIZE);
            }
        }
        SimulatorConfig slow = SimulatorConfig.defaults()
                .withBackend(Backend.READ, b -> b.withSlots(4).withServiceTime(300, 0));
        try (Simulator simulator = Simulator.start(slow)) {
            Path output = dir.resolve("out");
            Path log = dir.resolve("run.log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m",
                    "-XX:+ExitOnOutOfMemoryError",
                    "-Daibatch.document.enrichment=false",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "io.aibatch.cli.AibatchCommand",
                    "run",
                    "document-pipeline",
                    "--input",
                    input.toString(),
                    "--output",
                    output.toString(),
                    "--partitions",
                    "2",
                    "--ocr",
                    "read-container",
                    "--ocr-endpoint",
                    simulator.baseUrl(),
                    "--work-dir",
                    dir.resolve("wd").toString()));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("the run did not finish within 5 minutes; log:\n" + Files.readString(log));
            }
            assertThat(process.exitValue())
                    .as("exit code; log:\n%s", Files.readString(log))
                    .isZero();
            RunOutput run = RunOutput.read(output);
            assertThat(run.results().size() + run.deadLetters().size()).isEqualTo(FILES);
            assertThat(run.report().at("/items/read").asLong()).isEqualTo(FILES);
        }
    }
}
