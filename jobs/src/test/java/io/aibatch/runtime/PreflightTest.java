package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aibatch.audio.AudioDecoder;
import io.aibatch.document.DocumentDecoder;
import io.aibatch.jobs.audio.AudioTranscriptionPipeline;
import io.aibatch.jobs.audio.TranscriptionEngines;
import io.aibatch.jobs.document.DocumentPipeline;
import io.aibatch.simulator.Simulator;
import io.aibatch.simulator.config.SimulatorConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The preflight's probes against the simulator (which requires a key: a probe needs none) and against dead ports. */
class PreflightTest {

    private static Simulator simulator;
    private static final AibatchProperties PROPERTIES =
            new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate("aibatch", AibatchProperties.class);
    private static final Preflight PREFLIGHT = new Preflight(PROPERTIES, pipelines());

    /** The shipped jobs' pipelines, built as their configurations build them (no model is loaded by building them). */
    private static List<Pipeline> pipelines() {
        EngineConfiguration engines = new EngineConfiguration();
        EngineFactories factories = new EngineFactories(List.of(
                engines.openAiTranscription(PROPERTIES),
                engines.azureSpeechContainerTranscription(PROPERTIES),
                engines.readContainerOcr(PROPERTIES, HttpClient.newHttpClient()),
                io.aibatch.engine.EngineFactory.embedded("embedded", io.aibatch.engine.ocr.OcrEngine.class, () -> {
                    throw new AssertionError("a probe loads no model");
                })));
        BackendExecutors backends = new BackendExecutors(
                PROPERTIES.backends(), java.util.concurrent.Executors.newSingleThreadScheduledExecutor());
        Executor direct = Runnable::run;
        return List.of(
                new AudioTranscriptionPipeline(
                        PROPERTIES.transcription(),
                        new AudioDecoder(
                                new io.aibatch.jobs.audio.AudioTranscriptionProperties(1 << 20, 60, 0.1).limits()),
                        new TranscriptionEngines(PROPERTIES.transcription(), factories),
                        direct,
                        backends),
                new DocumentPipeline(
                        PROPERTIES.ocr(),
                        new DocumentDecoder(PROPERTIES.documents().limits()),
                        factories,
                        direct,
                        direct,
                        backends,
                        null,
                        true));
    }

    @BeforeAll
    static void start() throws Exception {
        simulator = Simulator.start(SimulatorConfig.defaults(), "some-key");
    }

    @AfterAll
    static void stop() throws Exception {
        simulator.close();
    }

    private static RunParameters run(Map<String, String> options) {
        return new RunParameters("r", "/in", "/out", 1, "v", options);
    }

    @Test
    void theSpeechContainerMustCompleteAWebSocketHandshake() throws Exception {
        assertThatCode(() -> PREFLIGHT.check(
                        "audio-transcription",
                        run(Map.of(
                                "transcription",
                                "azure-speech-container",
                                "transcription-endpoint",
                                simulator.speechHost()))))
                .doesNotThrowAnyException();
        int dead = freePort();
        assertThatThrownBy(() -> PREFLIGHT.check(
                        "audio-transcription",
                        run(Map.of(
                                "transcription",
                                "azure-speech-container",
                                "transcription-endpoint",
                                "ws://127.0.0.1:" + dead))))
                .isInstanceOf(Preflight.PreflightException.class)
                .hasMessageContaining("connection refused to 127.0.0.1:" + dead);
    }

    @Test
    void anLlmEndpointMustListItsModelsAndAStorageAccountMustAnswer() throws Exception {
        assertThatCode(() -> PREFLIGHT.check(
                        "document-pipeline", run(Map.of(RunParameters.LLM_ENDPOINT, simulator.baseUrl()))))
                .as("a 401 is an answer: the probe carries no key")
                .doesNotThrowAnyException();
        int dead = freePort();
        assertThatThrownBy(() -> PREFLIGHT.check(
                        "document-pipeline",
                        new RunParameters(
                                "r", "http://127.0.0.1:" + dead + "/devstoreaccount1/input", "/out", 1, "v", Map.of())))
                .isInstanceOf(Preflight.PreflightException.class)
                .hasMessageContaining("storage account http://127.0.0.1:" + dead)
                .hasMessageContaining("connection refused");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
