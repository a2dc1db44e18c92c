package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.aibatch.cli.AibatchCommand;
import io.aibatch.simulator.Backend;
import io.aibatch.simulator.Simulator;
import io.aibatch.simulator.config.GroundTruthConfig;
import io.aibatch.simulator.config.SimulatorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The audio-transcription job over the committed sample audio, through the CLI, against the simulator. */
class AudioTranscriptionEndToEndTest {

    static final Path AUDIO = SampleData.ROOT.resolve("audio");
    static final Path TRANSCRIPTS = SampleData.ROOT.resolve("audio-transcripts");

    private static Simulator simulator;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        simulator = Simulator.start(SimulatorConfig.defaults()
                .withGroundTruth(new GroundTruthConfig(null, null, AUDIO, TRANSCRIPTS))
                .withBackend(
                        Backend.TRANSCRIPTION, c -> c.withServiceTime(20, 10).withSlots(4))
                .withBackend(Backend.SPEECH, c -> c.withServiceTime(20, 20).withSlots(4)));
    }

    @AfterAll
    static void stop() throws Exception {
        simulator.close();
    }

    private int run(String engine, String endpoint, Path input, Path output, String runId) throws IOException {
        Path config = dir.resolve("fast.yaml");
        // the SDK sends 50x real time here, so the 75 s sample does not take 37 s at its default rate
        Files.writeString(config, "aibatch:\n  transcription:\n    speech-container:\n      send-rate-percent: 5000\n");
        return AibatchCommand.execute(
                "run",
                "audio-transcription",
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--transcription",
                engine,
                "--transcription-endpoint",
                endpoint,
                "--partitions",
                "2",
                "--run-id",
                runId,
                "--work-dir",
                dir.resolve("wd").toString(),
                "--config",
                config.toString());
    }

    @Test
    void speechContainerTranscribesEverySampleWithItsTranscript() throws Exception {
        assertEverySampleTranscribed("azure-speech-container", simulator.speechHost(), "azure-speech-container/en-US");
    }

    @Test
    void openAiTranscribesEverySampleWithItsTranscript() throws Exception {
        assertEverySampleTranscribed("openai", simulator.baseUrl(), "openai/whisper-1");
    }

    private void assertEverySampleTranscribed(String engine, String endpoint, String engineName) throws Exception {
        Path output = dir.resolve("out-" + engine);
        assertThat(run(engine, endpoint, AUDIO, output, "audio-" + engine)).isZero();

        RunOutput run = RunOutput.read(output);
        List<Path> inputs = SampleData.files(AUDIO);
        assertThat(run.deadLetters()).isEmpty();
        assertThat(run.occurrencesBySource()).hasSize(inputs.size()).allSatisfy((source, count) -> assertThat(count)
                .isOne());
        double totalSeconds = 0;
        for (Map.Entry<String, JsonNode> e : run.resultsByName().entrySet()) {
            JsonNode line = e.getValue();
            String base = e.getKey().substring(0, e.getKey().lastIndexOf('.'));
            assertThat(line.get("text").asString())
                    .as(e.getKey())
                    .isEqualTo(
                            Files.readString(TRANSCRIPTS.resolve(base + ".txt")).strip());
            assertThat(line.get("engine").asString()).isEqualTo(engineName);
            assertThat(line.get("id").asString()).hasSize(32);
            assertThat(line.get("pipelineVersion").asString()).isNotBlank();
            assertThat(line.get("audioSeconds").asDouble()).isBetween(3.0, 90.0);
            assertThat(line.get("realTimeFactor").asDouble()).isPositive().isLessThan(1.0);
            JsonNode segments = line.get("segments");
            assertThat(segments.size()).isPositive();
            assertThat(segments.get(segments.size() - 1).get("end").asDouble())
                    .isCloseTo(line.get("audioSeconds").asDouble(), within(0.02));
            totalSeconds += line.get("audioSeconds").asDouble();
        }
        JsonNode report = run.report();
        assertThat(report.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(report.at("/items/written").asLong()).isEqualTo(inputs.size());
        assertThat(report.at("/units/audioSeconds").asDouble()).isCloseTo(totalSeconds, within(0.05));
        // audio is unchecked content: every recording counts as restricted, and only an in-cluster engine heard it
        assertThat(report.at("/routing/items").asLong()).isEqualTo(inputs.size());
        assertThat(report.at("/routing/restricted").asLong()).isEqualTo(inputs.size());
        assertThat(report.at("/routing/restrictedToCloud").asLong()).isZero();
        assertThat(report.at("/routing/reasons/unchecked:audio").asLong()).isEqualTo(inputs.size());
        assertThat(report.at("/routing/engines/" + engineName.replace("/", "~1") + "/locality")
                        .asString())
                .isEqualTo("IN_CLUSTER");
        assertThat(run.resultsByName().values())
                .allSatisfy(line ->
                        assertThat(line.at("/routing/0/locality").asString()).isEqualTo("IN_CLUSTER"));
    }

    @Test
    void badAudioIsDeadLetteredWithAReasonAndOtherFormatsAreConverted() throws Exception {
        Path input = dir.resolve("mixed");
        Files.createDirectories(input);
        for (Path p : SampleData.files(SampleData.ROOT.resolve("bad-audio"))) {
            Files.copy(p, input.resolve("bad-" + p.getFileName()));
        }
        for (Path p : SampleData.files(SampleData.ROOT.resolve("audio-other-formats"))) {
            Files.copy(p, input.resolve(p.getFileName()));
        }
        Path output = dir.resolve("out-mixed");
        assertThat(run("azure-speech-container", simulator.speechHost(), input, output, "mixed"))
                .isZero();

        RunOutput run = RunOutput.read(output);
        Map<String, String> codes = run.deadLetters().stream()
                .collect(Collectors.toMap(
                        l -> l.get("name").asString(), l -> l.get("code").asString()));
        assertThat(codes)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "bad-empty.wav", "empty-file",
                        "bad-not-audio.wav", "content-mismatch",
                        "bad-ms-adpcm.wav", "unsupported-audio",
                        "bad-header-only.wav", "no-audio"));
        assertThat(run.deadLetters())
                .allSatisfy(l -> assertThat(l.get("reason").asString()).hasSizeGreaterThan(20));
        assertThat(run.resultsByName()).containsOnlyKeys("stereo-44k1.wav", "mono-8k.wav");
        assertThat(run.resultsByName().values()).allSatisfy(l -> {
            assertThat(l.get("converted").asBoolean()).isTrue();
            assertThat(l.get("text").asString()).isNotBlank();
        });
        assertThat(run.resultsByName()
                        .get("stereo-44k1.wav")
                        .get("sourceFormat")
                        .asString())
                .isEqualTo("PCM 44100 Hz, 16 bit, 2 channels");
    }
}
