package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerAsyncClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import io.aibatch.blob.Azurite;
import io.aibatch.blob.NumberedPdf;
import io.aibatch.cli.AibatchCommand;
import io.aibatch.store.Locations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/**
 * The document pipeline from Blob Storage to Blob Storage (Azurite), through the CLI in this JVM: plan (manifest and
 * plan in the output container), process in partitions, results, dead-letters and report.json as blobs.
 */
class BlobPipelineEndToEndTest {

    private static final int ITEMS = 20_000;
    private static final Pattern NUMBER = Pattern.compile("doc-(\\d+)\\.pdf$");

    private final Azurite azurite = Azurite.shared();

    @TempDir
    Path dir;

    @Test
    void twentyThousandBlobsArePlannedProcessedAndWrittenToBlobStorageExactlyOnce() throws Exception {
        BlobContainerClient input = azurite.newContainer("in");
        BlobContainerClient output = azurite.newContainer("out");
        long uploadStarted = System.nanoTime();
        BlobContainerAsyncClient asyncInput =
                azurite.asyncClient().getBlobContainerAsyncClient(input.getBlobContainerName());
        // text-layer PDFs: real documents that need no OCR, so the run measures the plumbing, not Tesseract
        Flux.range(0, ITEMS)
                .flatMap(
                        i -> asyncInput
                                .getBlobAsyncClient("batch/%02d/doc-%05d.pdf".formatted(i % 50, i))
                                .upload(BinaryData.fromBytes(NumberedPdf.of(i)), true),
                        32)
                .blockLast();
        upload(input, "elsewhere/doc-99999.pdf", NumberedPdf.of(99_999), "application/pdf"); // outside the prefix
        double uploadSeconds = (System.nanoTime() - uploadStarted) / 1e9;

        long runStarted = System.nanoTime();
        int exit = AibatchCommand.execute(
                "run",
                "document-pipeline",
                "--input",
                azurite.url(input, "batch"),
                "--output",
                azurite.url(output, "runs/20k"),
                "--partitions",
                "4",
                "--run-id",
                "blob-20k",
                "--work-dir",
                dir.resolve("wd").toString(),
                "--config",
                fastConfig().toString());
        double runSeconds = (System.nanoTime() - runStarted) / 1e9;

        assertThat(exit).isZero();
        RunOutput run = RunOutput.read(Locations.output(azurite.url(output, "runs/20k")));
        Map<String, Integer> occurrences = run.occurrencesBySource();
        assertThat(run.deadLetters()).isEmpty();
        assertThat(occurrences)
                .hasSize(ITEMS)
                .allSatisfy((source, count) -> assertThat(count).as(source).isOne());
        for (JsonNode result : run.results()) {
            Matcher number = NUMBER.matcher(result.get("name").asString());
            assertThat(number.find()).isTrue();
            assertThat(result.get("text").asString()).isEqualTo(NumberedPdf.text(Integer.parseInt(number.group(1))));
            assertThat(result.get("source").asString()).startsWith(azurite.url(input, "batch/"));
            assertThat(result.get("sourceEtag").asString()).isNotBlank();
        }
        JsonNode report = run.report();
        assertThat(report.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(report.at("/items/read").asLong()).isEqualTo(ITEMS);
        assertThat(report.at("/items/written").asLong()).isEqualTo(ITEMS);
        assertThat(report.get("slices")).hasSize(4);
        assertThat(output.getBlobClient("runs/20k/_manifest/manifest.jsonl").exists())
                .isTrue();
        assertThat(output.getBlobClient("runs/20k/_manifest/plan.json").exists())
                .isTrue();
        System.out.printf(
                "20k blobs: upload %.1f s, run %.1f s (%.0f items/s)%n", uploadSeconds, runSeconds, ITEMS / runSeconds);
    }

    @Test
    void filtersHostileNamesAndBadInputsFromTheCommandLine() throws Exception {
        BlobContainerClient input = azurite.newContainer("mixed");
        BlobContainerClient output = azurite.newContainer("mixed-out");
        upload(input, "in/with space doc-1.pdf", NumberedPdf.of(1), "application/pdf");
        upload(input, "in/ünïcødé/文書 doc-2.pdf", NumberedPdf.of(2), "application/pdf");
        upload(input, "in/dots/../hash#50%/doc-3.pdf", NumberedPdf.of(3), "application/pdf");
        upload(input, "in/../../doc-4.pdf", NumberedPdf.of(4), "application/pdf");
        upload(input, "in/not-an-image.png", "plain text".getBytes(StandardCharsets.UTF_8), "image/png");
        upload(input, "in/notes.txt", "skipped by suffix".getBytes(StandardCharsets.UTF_8), "text/plain");
        upload(input, "in/too-big-for-the-filter.pdf", new byte[5000], "application/pdf");

        int exit = AibatchCommand.execute(
                "run",
                "document-pipeline",
                "--input",
                azurite.url(input, "in"),
                "--output",
                azurite.url(output, "out"),
                "--partitions",
                "2",
                "--run-id",
                "blob-mixed",
                "--include-suffix",
                ".pdf,.png",
                "--max-size",
                "4KB",
                "--work-dir",
                dir.resolve("wd").toString(),
                "--config",
                fastConfig().toString());

        assertThat(exit).isZero();
        RunOutput run = RunOutput.read(Locations.output(azurite.url(output, "out")));
        assertThat(run.resultsByName())
                .containsOnlyKeys(
                        "with space doc-1.pdf",
                        "ünïcødé/文書 doc-2.pdf",
                        "dots/../hash#50%/doc-3.pdf",
                        "../../doc-4.pdf");
        run.resultsByName().forEach((name, result) -> {
            Matcher number = NUMBER.matcher(name);
            assertThat(number.find()).isTrue();
            assertThat(result.get("text").asString())
                    .as(name)
                    .isEqualTo(NumberedPdf.text(Integer.parseInt(number.group(1))));
        });
        assertThat(run.resultsByName()
                        .get("dots/../hash#50%/doc-3.pdf")
                        .get("source")
                        .asString())
                .isEqualTo(azurite.url(input, "in/dots/../hash%2350%25/doc-3.pdf"));
        assertThat(run.deadLetters()).singleElement().satisfies(dead -> {
            assertThat(dead.get("name").asString()).isEqualTo("not-an-image.png");
            assertThat(dead.get("code").asString()).isEqualTo("content-mismatch");
        });
        assertThat(run.report().at("/items/read").asLong()).isEqualTo(5);
        // nothing was written outside the output prefix, whatever the item names
        assertThat(output.listBlobs().stream().map(blob -> blob.getName())).allMatch(name -> name.startsWith("out/"));
    }

    @Test
    void aMalformedBlobUrlIsRefusedBeforeARunStarts() {
        String workDir = dir.resolve("wd").toString();
        assertThat(AibatchCommand.execute(
                        "run",
                        "document-pipeline",
                        "--input",
                        azurite.endpoint() + "/in?sig=SECRET",
                        "--output",
                        dir.resolve("out").toString(),
                        "--work-dir",
                        workDir))
                .isEqualTo(io.aibatch.runtime.ExitCodes.USAGE);
        assertThat(AibatchCommand.execute(
                        "run",
                        "document-pipeline",
                        "--input",
                        dir.toString(),
                        "--output",
                        azurite.endpoint() + "/Not_A_Container/x",
                        "--work-dir",
                        workDir))
                .isEqualTo(io.aibatch.runtime.ExitCodes.USAGE);
        assertThat(dir.resolve("wd")).doesNotExist();
    }

    /** Bigger chunks and more handler threads: the handler mostly waits on downloads here, not on the CPU. */
    private Path fastConfig() throws Exception {
        Path config = dir.resolve("fast.yaml");
        Files.writeString(
                config,
                """
                aibatch:
                  document:
                    enrichment: false   # this test is about Blob Storage; enrichment has its own tests
                  chunk-size: 250
                  window: 64
                  ocr:
                    threads: 8
                """);
        return config;
    }

    private static void upload(BlobContainerClient container, String name, byte[] content, String contentType) {
        container
                .getBlobClient(name)
                .uploadWithResponse(
                        new BlobParallelUploadOptions(BinaryData.fromBytes(content))
                                .setHeaders(new BlobHttpHeaders().setContentType(contentType)),
                        null,
                        null);
    }
}
