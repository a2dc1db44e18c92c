package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.cli.AibatchCommand;
import io.aibatch.devtools.quality.CharacterErrorRate;
import io.aibatch.simulator.Backend;
import io.aibatch.simulator.Simulator;
import io.aibatch.simulator.config.FaultRates;
import io.aibatch.simulator.config.GroundTruthConfig;
import io.aibatch.simulator.config.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** document-pipeline with remote OCR engines, against the simulated Read container and Document Intelligence. */
class RemoteOcrPipelineTest {

    @TempDir
    Path dir;

    private static SimulatorConfig simulator() {
        return SimulatorConfig.defaults()
                .withGroundTruth(new GroundTruthConfig(SampleData.DOCUMENTS, SampleData.GROUND_TRUTH, null))
                .withBackend(Backend.READ, b -> b.withSlots(8).withServiceTime(20, 30))
                .withBackend(Backend.DOC_INTEL, b -> b.withSlots(8).withServiceTime(20, 30));
    }

    @Test
    void readContainerGivesTheGroundTruthForEverySampleDocument() throws Exception {
        try (Simulator simulator = Simulator.start(simulator())) {
            RunOutput run = run("read-container", simulator, SampleData.DOCUMENTS);
            assertMatchesGroundTruth(run);
            assertThat(run.results())
                    .allSatisfy(
                            line -> assertThat(line.get("engine").asString()).startsWith("read-container"));
            assertThat(simulator.stats(Backend.READ).accepted())
                    .isEqualTo(SampleData.files(SampleData.DOCUMENTS).size());
        }
    }

    @Test
    void documentIntelligenceGivesTheGroundTruthForEverySampleDocument() throws Exception {
        try (Simulator simulator = Simulator.start(simulator())) {
            RunOutput run = run("document-intelligence", simulator, SampleData.DOCUMENTS);
            assertMatchesGroundTruth(run);
            assertThat(run.results())
                    .allSatisfy(line -> assertThat(line.get("engine").asString())
                            .isEqualTo("document-intelligence/prebuilt-read/2023-07-31"));
        }
    }

    @Test
    void badInputsAreRejectedLocallyOrByTheServiceAndNeverStopTheRun() throws Exception {
        try (Simulator simulator = Simulator.start(simulator())) {
            RunOutput run = run("read-container", simulator, SampleData.BAD);
            List<Path> bad = SampleData.files(SampleData.BAD);
            assertThat(run.deadLetters()).hasSize(bad.size());
            assertThat(run.deadLetters())
                    .extracting(line -> line.get("reason").asString())
                    .doesNotHaveDuplicates();
            // the truncated images can only be judged by decoding: the service rejects them and says why
            Map<String, JsonNode> byName = new java.util.HashMap<>();
            run.deadLetters().forEach(line -> byName.put(line.get("name").asString(), line));
            assertThat(byName.get("empty.pdf").get("code").asString()).isEqualTo("empty-file");
            assertThat(byName.get("huge-image.png").get("code").asString()).isEqualTo("too-many-pixels");
            assertThat(byName.get("corrupt.pdf").get("code").asString()).isEqualTo("backend-rejected");
            assertThat(byName.get("corrupt.pdf").get("attempts").asInt()).isEqualTo(1);
        }
    }

    @Test
    void transientFaultsAndThrottlingAreRetriedUntilEveryDocumentIsRead() throws Exception {
        SimulatorConfig faulty = simulator().withBackend(Backend.READ, b -> b.withSlots(4)
                .withQueueLimit(2)
                .withFaults(
                        FaultRates.NONE.withHttp5xx(0.15).withMalformed(0.05).withDrop(0.05)));
        try (Simulator simulator = Simulator.start(faulty)) {
            RunOutput run = run("read-container", simulator, SampleData.DOCUMENTS);
            assertMatchesGroundTruth(run);
            assertThat(simulator.stats(Backend.READ).errors()).isNotEmpty();
            assertThat(simulator.stats(Backend.READ).throttled()).isPositive();
        }
    }

    private RunOutput run(String engine, Simulator simulator, Path input) throws Exception {
        Path output = dir.resolve(engine + "-" + input.getFileName());
        int exit = AibatchCommand.execute(
                "run",
                "document-pipeline",
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--ocr",
                engine,
                "--ocr-endpoint",
                simulator.baseUrl(),
                "--partitions",
                "3",
                "--work-dir",
                dir.resolve("wd").toString());
        assertThat(exit).isZero();
        RunOutput run = RunOutput.read(output);
        assertThat(run.occurrencesBySource())
                .hasSize(SampleData.files(input).size())
                .allSatisfy((source, count) -> assertThat(count).isOne());
        JsonNode report = run.report();
        assertThat(report.at("/items/read").asLong())
                .isEqualTo(report.at("/items/written").asLong()
                        + report.at("/items/deadLettered").asLong());
        return run;
    }

    private static void assertMatchesGroundTruth(RunOutput run) throws Exception {
        Map<String, String> truth = SampleData.truthByDocument();
        assertThat(run.deadLetters()).isEmpty();
        assertThat(run.results()).hasSize(truth.size());
        for (JsonNode line : run.results()) {
            String expected = truth.get(line.get("name").asString());
            assertThat(CharacterErrorRate.of(expected, line.get("text").asString()))
                    .as(line.get("name").asString())
                    .isLessThan(0.001);
            assertThat(line.get("pages").asInt()).isEqualTo(expected.split("\f").length);
        }
        assertThat(Files.exists(SampleData.DOCUMENTS)).isTrue();
    }
}
