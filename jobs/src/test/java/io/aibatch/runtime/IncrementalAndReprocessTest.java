package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import io.aibatch.blob.Azurite;
import io.aibatch.blob.NumberedPdf;
import io.aibatch.cli.AibatchCommand;
import io.aibatch.incremental.PendingWatermark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduled incremental runs and reprocessing, through the CLI in this JVM, from Blob Storage (Azurite) with text-layer
 * PDFs and no enrichment, so every run is the plumbing: what gets planned, what the watermark remembers, what a
 * reprocess selects.
 */
class IncrementalAndReprocessTest {

    @TempDir
    static Path dir;

    private static final Azurite azurite = Azurite.shared();
    private static Path workDir;
    private static Path v1Config;
    private static Path v2Config;
    private static Path v1SmallLimitConfig;
    /** One padded PDF is this much larger than the plain ones: above the small size limit, below the default one. */
    private static final int PADDING = 600;

    @BeforeAll
    static void configure() throws Exception {
        workDir = dir.resolve("wd");
        v1Config = config("v1.yaml", "v1", null);
        v2Config = config("v2.yaml", "v2", null);
        v1SmallLimitConfig = config("v1-small.yaml", "v1", NumberedPdf.of(0).length + PADDING / 2);
    }

    @Test
    void eachIncrementalRunProcessesExactlyWhatIsNewOrChangedAndOnlyACompletedRunAdvancesTheWatermark()
            throws Exception {
        BlobContainerClient input = azurite.newContainer("incremental");
        for (int i = 1; i <= 4; i++) {
            upload(input, "docs/a-%d.pdf".formatted(i), NumberedPdf.of(i));
        }
        upload(input, "elsewhere/x.pdf", NumberedPdf.of(99)); // another source: outside the prefix
        String source = azurite.url(input, "docs");

        assertThat(incremental(source, "inc-1")).isZero();
        assertThat(names(output("inc-1"))).containsExactlyInAnyOrder("a-1.pdf", "a-2.pdf", "a-3.pdf", "a-4.pdf");
        assertThat(output("inc-1").resolve(PendingWatermark.PATH)).exists();

        upload(input, "docs/a-2.pdf", NumberedPdf.of(22)); // changed content
        upload(input, "docs/a-3.pdf", NumberedPdf.of(3)); // same content uploaded again: a new version (etag)
        upload(input, "docs/b-5.pdf", NumberedPdf.of(5));
        upload(input, "docs/b-6.pdf", NumberedPdf.of(6));

        // a run that fails (its results cannot be written) must not advance the watermark
        Files.createDirectories(output("inc-2-failed"));
        Files.writeString(output("inc-2-failed").resolve("results"), "a file where the results directory should be");
        assertThat(failingQuietly(() -> incremental(source, "inc-2-failed"))).isEqualTo(ExitCodes.FAILED);

        assertThat(incremental(source, "inc-2")).isZero();
        RunOutput second = RunOutput.read(output("inc-2"));
        assertThat(names(output("inc-2"))).containsExactlyInAnyOrder("a-2.pdf", "a-3.pdf", "b-5.pdf", "b-6.pdf");
        assertThat(second.resultsByName().get("a-2.pdf").get("text").asString()).isEqualTo(NumberedPdf.text(22));
        assertThat(second.report().at("/items/total").asLong()).isEqualTo(4);

        // the failed run, restarted once it can write, completes and merges its (older) watermark: nothing moves back
        Files.delete(output("inc-2-failed").resolve("results"));
        assertThat(AibatchCommand.execute(
                        "restart",
                        "--run-id",
                        "inc-2-failed",
                        "--work-dir",
                        workDir.toString(),
                        "--config",
                        v1Config.toString()))
                .isZero();
        assertThat(names(output("inc-2-failed"))).containsExactlyInAnyOrder("a-2.pdf", "a-3.pdf", "b-5.pdf", "b-6.pdf");

        assertThat(incremental(source, "inc-3")).isZero();
        assertThat(names(output("inc-3"))).isEmpty();
        assertThat(RunOutput.read(output("inc-3")).report().get("status").asString())
                .isEqualTo("COMPLETED");

        upload(input, "docs/b-6.pdf", NumberedPdf.of(66));
        assertThat(incremental(source, "inc-4")).isZero();
        assertThat(names(output("inc-4"))).containsExactly("b-6.pdf");
    }

    @Test
    void reprocessingSelectsDeadLettersOutdatedResultsAndListsAndNeverOverwritesTheRunItReprocesses() throws Exception {
        BlobContainerClient input = azurite.newContainer("reprocess");
        for (int i = 1; i <= 4; i++) {
            upload(input, "c-%d.pdf".formatted(i), NumberedPdf.of(i));
        }
        for (int i = 5; i <= 6; i++) {
            upload(input, "c-%d.pdf".formatted(i), padded(NumberedPdf.of(i)));
        }
        String source = azurite.url(input, "");

        // version v1 with a size limit the two padded documents exceed: they are dead-lettered
        assertThat(run("run", source, "v1", v1SmallLimitConfig)).isZero();
        RunOutput v1 = RunOutput.read(output("v1"));
        assertThat(names(output("v1"))).containsExactlyInAnyOrder("c-1.pdf", "c-2.pdf", "c-3.pdf", "c-4.pdf");
        assertThat(v1.deadLetters())
                .extracting(d -> d.get("name").asString())
                .containsExactlyInAnyOrder("c-5.pdf", "c-6.pdf");
        assertThat(v1.deadLetters())
                .allSatisfy(d -> assertThat(d.get("code").asString()).isEqualTo("too-large"));

        // the limit raised: reprocessing the dead-letters completes exactly those items
        assertThat(run("reprocess", source, "v1-dead-letters", v1Config, "--from-dead-letter", "v1"))
                .isZero();
        RunOutput deadLetters = RunOutput.read(output("v1-dead-letters"));
        assertThat(names(output("v1-dead-letters"))).containsExactlyInAnyOrder("c-5.pdf", "c-6.pdf");
        assertThat(deadLetters.deadLetters()).isEmpty();
        assertThat(deadLetters.resultsByName().get("c-5.pdf").get("text").asString())
                .isEqualTo(NumberedPdf.text(5));
        assertThat(deadLetters.results()).allSatisfy(r -> assertThat(r.get("id").asString())
                .isIn(v1.deadLetters().stream().map(d -> d.get("id").asString()).toList()));

        // version v2: exactly the items whose result v1 made, with the same ids (a database output replaces them)
        assertThat(run("reprocess", source, "v2-upgrade", v2Config, "--older-than-version", "v1"))
                .isZero();
        RunOutput upgraded = RunOutput.read(output("v2-upgrade"));
        assertThat(names(output("v2-upgrade"))).containsExactlyInAnyOrder("c-1.pdf", "c-2.pdf", "c-3.pdf", "c-4.pdf");
        assertThat(upgraded.results())
                .allSatisfy(r -> assertThat(r.get("pipelineVersion").asString()).isEqualTo("v2"));
        assertThat(upgraded.results())
                .extracting(r -> r.get("id").asString())
                .containsExactlyInAnyOrderElementsOf(
                        v1.results().stream().map(r -> r.get("id").asString()).toList());
        // and its results are all current: nothing left to upgrade
        assertThat(run(
                        "reprocess",
                        source,
                        "v2-again",
                        v2Config,
                        "--older-than-version",
                        output("v2-upgrade").toString()))
                .isZero();
        assertThat(names(output("v2-again"))).isEmpty();

        // a list (a name and a source as results record them) narrowed by a prefix
        Path list = dir.resolve("list.txt");
        Files.writeString(list, "# reprocess these\nc-1.pdf\n" + azurite.url(input, "c-2.pdf") + "\n\nc-5.pdf\n");
        assertThat(run("reprocess", source, "listed", v2Config, "--list", list.toString(), "--prefix", "c-1,c-2"))
                .isZero();
        assertThat(names(output("listed"))).containsExactlyInAnyOrder("c-1.pdf", "c-2.pdf");

        // refused before anything runs: writing into the reprocessed run's output, no selector, an unknown run
        assertThat(AibatchCommand.execute(
                        "reprocess",
                        "document-pipeline",
                        "--input",
                        source,
                        "--output",
                        output("v1").toString(),
                        "--run-id",
                        "overwrite",
                        "--from-dead-letter",
                        "v1",
                        "--work-dir",
                        workDir.toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(run("reprocess", source, "no-selector", v2Config)).isEqualTo(ExitCodes.USAGE);
        assertThat(run("reprocess", source, "unknown", v2Config, "--from-dead-letter", "no-such-run"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(output("overwrite")).doesNotExist();
        assertThat(output("no-selector")).doesNotExist();
        assertThat(names(output("v1"))).hasSize(4);
    }

    /**
     * A run that fails on purpose: Spring Batch logs the failed chunk and step at ERROR with their stack traces, while
     * what matters (the exit code, the report, the watermark) is asserted. Spring Boot applies logging.level.* when the
     * run's context starts, so the level is a system property for this run only, and reset after it.
     */
    private static int failingQuietly(java.util.function.IntSupplier run) {
        String steps = "org.springframework.batch.core.step";
        System.setProperty("logging.level." + steps, "OFF");
        try {
            return run.getAsInt();
        } finally {
            System.clearProperty("logging.level." + steps);
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(steps)).setLevel(null);
        }
    }

    private static int incremental(String source, String runId) {
        return run("run", source, runId, v1Config, "--since-last-success");
    }

    private static int run(String command, String source, String runId, Path config, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                command,
                "document-pipeline",
                "--input",
                source,
                "--output",
                output(runId).toString(),
                "--partitions",
                "2",
                "--run-id",
                runId,
                "--work-dir",
                workDir.toString(),
                "--config",
                config.toString()));
        args.addAll(Arrays.asList(extra));
        return AibatchCommand.execute(args.toArray(String[]::new));
    }

    private static Path output(String runId) {
        return dir.resolve("out").resolve(runId);
    }

    private static List<String> names(Path output) throws Exception {
        RunOutput run = RunOutput.read(output);
        Map<String, Integer> occurrences = run.occurrencesBySource();
        assertThat(occurrences.values()).as("each item once").allMatch(count -> count == 1);
        return run.results().stream().map(r -> r.get("name").asString()).toList();
    }

    private static Path config(String name, String version, Integer maxBytes) throws Exception {
        Path config = dir.resolve(name);
        Files.writeString(
                config,
                """
                aibatch:
                  pipeline-version: "%s"
                  document:
                    enrichment: false   # the selection is under test, not enrichment
                  chunk-size: 10
                  ocr:
                    threads: 2
                """
                                .formatted(version)
                        + (maxBytes == null
                                ? ""
                                : """
                  documents:
                    max-bytes: %d
                """
                                        .formatted(maxBytes)));
        return config;
    }

    /** The same PDF with blank lines after its end: PDF readers ignore them, size limits do not. */
    private static byte[] padded(byte[] pdf) {
        byte[] padded = Arrays.copyOf(pdf, pdf.length + PADDING);
        Arrays.fill(padded, pdf.length, padded.length, (byte) '\n');
        return padded;
    }

    private static void upload(BlobContainerClient container, String name, byte[] content) {
        container.getBlobClient(name).upload(BinaryData.fromBytes(content), true);
    }
}
