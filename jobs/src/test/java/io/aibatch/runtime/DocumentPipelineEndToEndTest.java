package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.cli.AibatchCommand;
import io.aibatch.devtools.quality.CharacterErrorRate;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The document pipeline over the committed sample documents, in this JVM, through the CLI. */
class DocumentPipelineEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void everySampleDocumentIsReadOnceAndOcrMatchesTheGroundTruth() throws Exception {
        Path output = dir.resolve("out");
        int exit = AibatchCommand.execute(
                "run",
                "document-pipeline",
                "--input",
                SampleData.DOCUMENTS.toString(),
                "--output",
                output.toString(),
                "--partitions",
                "3",
                "--run-id",
                "e2e",
                "--work-dir",
                dir.resolve("wd").toString());

        assertThat(exit).isZero();
        RunOutput run = RunOutput.read(output);
        Map<String, String> truth = SampleData.truthByDocument();
        List<Path> inputs = SampleData.files(SampleData.DOCUMENTS);
        assertThat(run.occurrencesBySource()).hasSize(inputs.size()).allSatisfy((source, count) -> assertThat(count)
                .isOne());
        assertThat(run.deadLetters()).isEmpty();

        JsonNode report = run.report();
        assertThat(report.get("runId").asString()).isEqualTo("e2e");
        assertThat(report.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(report.at("/items/read").asLong()).isEqualTo(inputs.size());
        assertThat(report.at("/items/written").asLong()).isEqualTo(run.results().size());
        assertThat(report.at("/items/deadLettered").asLong()).isZero();
        assertThat(report.get("wallSeconds").asDouble()).isPositive();
        assertThat(report.get("itemsPerSecond").asDouble()).isPositive();

        long errors = 0;
        long characters = 0;
        for (Map.Entry<String, JsonNode> result : run.resultsByName().entrySet()) {
            JsonNode line = result.getValue();
            assertThat(line.get("id").asString()).hasSize(32);
            assertThat(line.get("engine").asString()).isNotBlank();
            String expected = truth.get(result.getKey());
            String actual = line.get("text").asString();
            assertThat(line.get("pages").asInt()).isEqualTo(expected.split("\f").length);
            int documentErrors = CharacterErrorRate.errors(expected, actual);
            System.out.printf(
                    "CER %-28s %6.2f%% (%s)%n",
                    result.getKey(),
                    100.0 * documentErrors / CharacterErrorRate.length(expected),
                    line.get("engine").asString());
            errors += documentErrors;
            characters += CharacterErrorRate.length(expected);
        }
        double cer = (double) errors / characters;
        System.out.printf(
                "CER over %d sample documents: %.3f%% (%d errors in %d characters)%n",
                truth.size(), 100 * cer, errors, characters);
        assertThat(cer).isLessThanOrEqualTo(0.03);
    }

    @Test
    void everyBadInputIsDeadLetteredWithADistinctReasonAndTheRunCompletes() throws Exception {
        Path output = dir.resolve("bad-out");
        int exit = AibatchCommand.execute(
                "run",
                "document-pipeline",
                "--input",
                SampleData.BAD.toString(),
                "--output",
                output.toString(),
                "--partitions",
                "2",
                "--work-dir",
                dir.resolve("wd").toString());

        assertThat(exit).isZero();
        RunOutput run = RunOutput.read(output);
        List<Path> badFiles = SampleData.files(SampleData.BAD);
        assertThat(run.results()).isEmpty();
        assertThat(run.deadLetters()).hasSize(badFiles.size());
        // the folder's README documents the bad inputs: it is not one of them (ignored, so not read either)
        assertThat(SampleData.BAD.resolve("README.md")).exists();
        assertThat(run.deadLetters())
                .extracting(line -> line.get("name").asString())
                .doesNotContain("README.md")
                .containsExactlyInAnyOrderElementsOf(
                        badFiles.stream().map(p -> p.getFileName().toString()).toList());
        assertThat(run.deadLetters())
                .extracting(line -> line.get("reason").asString())
                .doesNotHaveDuplicates()
                .allSatisfy(reason -> assertThat(reason).isNotBlank());
        for (JsonNode line : run.deadLetters()) {
            System.out.printf(
                    "dead-letter %-20s %-18s %s%n",
                    line.get("name").asString(),
                    line.get("code").asString(),
                    line.get("reason").asString());
        }
        JsonNode report = run.report();
        assertThat(report.at("/items/read").asLong())
                .isEqualTo(report.at("/items/written").asLong()
                        + report.at("/items/deadLettered").asLong())
                .isEqualTo(badFiles.size());
    }
}
