package io.aibatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aibatch.simulator.config.BackendConfig;
import io.aibatch.simulator.config.FaultRates;
import io.aibatch.simulator.config.SimulatorConfig;
import io.aibatch.simulator.config.SimulatorConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsCoverEveryBackend() {
        SimulatorConfig d = SimulatorConfig.defaults();
        assertThat(d.host()).isEqualTo("127.0.0.1");
        assertThat(d.port()).isZero();
        for (Backend b : Backend.values()) {
            assertThat(d.backend(b)).isNotNull();
            assertThat(d.backend(b).faults()).isEqualTo(FaultRates.NONE);
        }
        assertThat(d.backend(Backend.VLLM).model()).isEqualTo("phi-4-mini-instruct");
        assertThat(d.backend(Backend.VLLM).contextLength()).isEqualTo(4096);
        assertThat(d.backend(Backend.VLLM).unboundedQueue()).isTrue();
        assertThat(d.seedFor(Backend.READ)).isNotEqualTo(d.seedFor(Backend.DOC_INTEL));
    }

    @Test
    void yamlOverridesOnlyWhatItNames() throws Exception {
        Path file = dir.resolve("sim.yaml");
        Files.writeString(
                file,
                """
                port: 18080
                seed: 5
                groundTruth:
                  documents: samples/docs
                  texts: samples/texts
                backends:
                  read:
                    slots: 2
                    queueLimit: 8
                    faults: { http429: 0.05, drop: 0.01 }
                  vllm:
                    model: mistral-7b-instruct
                    contextLength: 8192
                  azureOpenAi:
                    tokensPerMinute: 30000
                    seed: 123
                """);
        SimulatorConfig c = SimulatorConfigLoader.load(file);
        assertThat(c.port()).isEqualTo(18080);
        assertThat(c.seed()).isEqualTo(5);
        assertThat(c.groundTruth().documents()).isEqualTo(dir.resolve("samples/docs"));
        BackendConfig read = c.backend(Backend.READ);
        assertThat(read.slots()).isEqualTo(2);
        assertThat(read.queueLimit()).isEqualTo(8);
        assertThat(read.baseMs())
                .isEqualTo(SimulatorConfig.defaultFor(Backend.READ).baseMs());
        assertThat(read.faults()).isEqualTo(new FaultRates(0, 0.05, 0, 0, 0.01));
        assertThat(c.backend(Backend.VLLM).model()).isEqualTo("mistral-7b-instruct");
        assertThat(c.backend(Backend.VLLM).contextLength()).isEqualTo(8192);
        assertThat(c.backend(Backend.AZURE_OPENAI).tokensPerMinute()).isEqualTo(30000);
        assertThat(c.seedFor(Backend.AZURE_OPENAI)).isEqualTo(123);
        assertThat(c.backend(Backend.DOC_INTEL)).isEqualTo(SimulatorConfig.defaultFor(Backend.DOC_INTEL));
    }

    @Test
    void jsonWorksToo() throws Exception {
        Path file = dir.resolve("sim.json");
        Files.writeString(file, "{\"backends\": {\"transcription\": {\"slots\": 3, \"perUnitMs\": 12.5}}}");
        BackendConfig t = SimulatorConfigLoader.load(file).backend(Backend.TRANSCRIPTION);
        assertThat(t.slots()).isEqualTo(3);
        assertThat(t.perUnitMs()).isEqualTo(12.5);
    }

    @Test
    void batchSectionAndTheProcessingTimeFlag() throws Exception {
        Path file = dir.resolve("batch.yaml");
        Files.writeString(
                file,
                "batch:\n  processingSeconds: 7\n  expireAfterSeconds: 60\n  enqueuedTokenLimit: 5000\n  createDelayMs: 40\n");
        SimulatorConfig c = SimulatorConfigLoader.load(file);
        assertThat(c.batch().processingSeconds()).isEqualTo(7);
        assertThat(c.batch().expireAfterSeconds()).isEqualTo(60);
        assertThat(c.batch().enqueuedTokenLimit()).isEqualTo(5000);
        assertThat(c.batch().createDelayMs()).isEqualTo(40);
        assertThat(c.batch().maxRequestsPerFile()).isEqualTo(100_000);
        assertThat(SimulatorConfig.defaults().batch()).isEqualTo(io.aibatch.simulator.config.BatchConfig.DEFAULTS);

        Path typo = dir.resolve("batch-typo.yaml");
        Files.writeString(typo, "batch:\n  processingSecs: 7\n");
        assertThatThrownBy(() -> SimulatorConfigLoader.load(typo)).hasMessageContaining("processingSecs");

        try (Simulator sim = SimulatorMain.launch(
                new String[] {
                    "--port",
                    "0",
                    "--config",
                    file.toString(),
                    "--batch-processing-seconds",
                    "0.5",
                    "--batch-create-delay-ms",
                    "25"
                },
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))) {
            assertThat(sim.config().batch().processingSeconds()).isEqualTo(0.5);
            assertThat(sim.config().batch().enqueuedTokenLimit()).isEqualTo(5000);
            assertThat(sim.config().batch().createDelayMs()).isEqualTo(25);
        }
    }

    @Test
    void mistakesAreRejected() throws Exception {
        Path typo = dir.resolve("typo.yaml");
        Files.writeString(typo, "backends:\n  read:\n    queuelimit: 3\n");
        assertThatThrownBy(() -> SimulatorConfigLoader.load(typo)).hasMessageContaining("queuelimit");

        Path backend = dir.resolve("backend.yaml");
        Files.writeString(backend, "backends:\n  speach: {}\n");
        assertThatThrownBy(() -> SimulatorConfigLoader.load(backend)).hasMessageContaining("speach");

        Path vllm429 = dir.resolve("vllm.yaml");
        Files.writeString(vllm429, "backends:\n  vllm:\n    faults: { http429: 0.1 }\n");
        assertThatThrownBy(() -> SimulatorConfigLoader.load(vllm429)).hasMessageContaining("never answers 429");

        assertThatThrownBy(() -> new FaultRates(0.5, 0.5, 0.5, 0, 0)).hasMessageContaining("add up");
        assertThatThrownBy(() -> SimulatorConfig.defaultFor(Backend.READ).withSlots(0))
                .hasMessageContaining("slots");
    }
}
