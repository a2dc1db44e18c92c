package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.document.HostileFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The hostile-file corpus mixed with good documents, through the document pipeline with embedded OCR, in a
 * child JVM limited to -Xmx1g (with -XX:+ExitOnOutOfMemoryError, as in the image). Peak memory is the child's
 * peak resident set (VmHWM from /proc), sampled until it exits. Every hostile file must be dead-lettered with
 * its code, every good document must have a result, the counts must reconcile, the run must finish in bounded
 * time, and what the listing refuses to follow (a link to /proc/self/environ, a FIFO) is counted in the report.
 */
class HostileCorpusEndToEndTest {

    private static final Duration BOUND = Duration.ofMinutes(5);
    private static final long RSS_LIMIT = 2L << 30;
    private static final List<String> GOOD =
            List.of("contract-01.png", "contract-02.pdf", "contract-03.jpg", "hr-record-01.pdf");

    @TempDir
    Path dir;

    @Test
    void hostileFilesAreDeadLetteredWithTheirCodesGoodOnesProcessedWithinTimeAndMemory() throws Exception {
        Path input = Files.createDirectories(dir.resolve("in"));
        HostileFiles.writeAll(input.resolve("hostile"));
        for (String good : GOOD) {
            Files.copy(SampleData.DOCUMENTS.resolve(good), input.resolve(good));
        }
        Files.createSymbolicLink(input.resolve("environ.pdf"), Path.of("/proc/self/environ"));
        run("mkfifo", input.resolve("pipe.pdf").toString());
        run(
                "sh",
                "-c",
                "cp \"$1\" \"$2/caf$(printf '\\351').pdf\"",
                "sh",
                SampleData.DOCUMENTS.resolve("contract-02.pdf").toString(),
                input.toString());
        Path output = dir.resolve("out");
        Path log = dir.resolve("run.log");

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-XX:+ExitOnOutOfMemoryError",
                "-Daibatch.document.enrichment=false",
                "-Daibatch.ocr.threads=2",
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
                "--work-dir",
                dir.resolve("wd").toString()));
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long peakRss = 0;
        while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
            peakRss = Math.max(peakRss, peakResidentBytes(process.pid()));
            if (System.nanoTime() - started > BOUND.toNanos()) {
                process.destroyForcibly();
                throw new AssertionError("the run did not finish within " + BOUND + "; log:\n" + Files.readString(log));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Files.delete(input.resolve("environ.pdf")); // JUnit warns about links out of its temporary directory
        assertThat(process.exitValue())
                .as("exit code; log:\n%s", Files.readString(log))
                .isZero();

        RunOutput run = RunOutput.read(output);
        Map<String, String> codes = new LinkedHashMap<>();
        run.deadLetters()
                .forEach(line ->
                        codes.put(line.get("name").asString(), line.get("code").asString()));
        Map<String, String> expected = new LinkedHashMap<>();
        HostileFiles.expectedCodes().forEach((name, code) -> expected.put("hostile/" + name, code));
        assertThat(codes).containsAllEntriesOf(expected);
        assertThat(codes).hasSize(expected.size() + 1).hasEntrySatisfying("caf\uFFFD.pdf", code -> assertThat(code)
                .isEqualTo("invalid-file-name"));
        assertThat(run.results())
                .extracting(line -> line.get("name").asString())
                .containsExactlyInAnyOrderElementsOf(GOOD);

        JsonNode report = run.report();
        assertThat(report.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(report.at("/items/read").asLong()).isEqualTo(GOOD.size() + expected.size() + 1);
        assertThat(report.at("/items/written").asLong()).isEqualTo(run.results().size());
        assertThat(report.at("/items/deadLettered").asLong())
                .isEqualTo(run.deadLetters().size());
        assertThat(report.at("/skipped/symlink-outside-input").asLong()).isEqualTo(1);
        assertThat(report.at("/skipped/special-file").asLong()).isEqualTo(1);
        // every hostile file is an expected fault: dead-lettered, not logged as an error
        assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError", "Exception in thread", " ERROR ");
        assertThat(peakRss).as("peak RSS of the -Xmx1g run").isPositive().isLessThan(RSS_LIMIT);
        System.out.printf(
                "hostile corpus: %d hostile + %d good files in %.1f s, peak RSS %d MB (-Xmx1g)%n",
                expected.size() + 1, GOOD.size(), seconds, peakRss >> 20);
    }

    /** VmHWM: the process's peak resident set so far; 0 once it is gone. */
    private static long peakResidentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException gone) {
            // exited between the check and the read
        }
        return 0;
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
    }
}
