package io.aibatch.engine.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aibatch.audio.SampleAudio;
import io.aibatch.engine.BackendException;
import io.aibatch.engine.Locality;
import io.aibatch.simulator.Backend;
import io.aibatch.simulator.Simulator;
import io.aibatch.simulator.config.FaultRates;
import io.aibatch.simulator.config.SimulatorConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** openai-java's transcription call against the simulator's OpenAI-compatible /v1/audio/transcriptions. */
class OpenAiTranscriptionEngineTest {

    private static final SimulatorConfig CONFIG = SimulatorConfig.defaults()
            .withGroundTruth(SampleAudio.groundTruth())
            .withBackend(Backend.TRANSCRIPTION, c -> c.withServiceTime(5, 1).withJitterSigma(0));
    private static final Path SAMPLE = SampleAudio.AUDIO.resolve("dictation-referral-note.wav");

    private static Simulator simulator;

    @BeforeAll
    static void start() throws Exception {
        simulator = Simulator.start(CONFIG);
    }

    @AfterAll
    static void stop() throws Exception {
        simulator.close();
    }

    static OpenAiTranscriptionEngine engine(Simulator sim, String format) {
        return new OpenAiTranscriptionEngine(new OpenAiTranscriptionEngine.Settings(
                URI.create(sim.baseUrl()), "", "whisper-1", format, "en", Locality.IN_CLUSTER, Duration.ofSeconds(20)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "verbose_json", "text"})
    void transcribesKnownAudioInEveryResponseFormat(String format) throws Exception {
        PcmAudio audio = SampleAudio.decode(SAMPLE);
        try (OpenAiTranscriptionEngine engine = engine(simulator, format)) {
            Transcript t = engine.transcribe(audio).get(30, TimeUnit.SECONDS);
            assertThat(t.text()).isEqualTo(SampleAudio.transcriptOf(SAMPLE));
            assertThat(t.audioSeconds()).isCloseTo(audio.seconds(), within(0.01));
            if (format.equals("verbose_json")) {
                assertThat(t.segments()).hasSize(3); // one per sentence
                assertThat(Transcript.join(t.segments())).isEqualTo(t.text());
                assertThat(t.segments().get(2).end()).isCloseTo(audio.seconds(), within(0.01));
            } else {
                assertThat(t.segments()).isEmpty();
            }
        }
    }

    @Test
    void convertedAudioIsSentAsA16kHzMonoWav() throws Exception {
        PcmAudio audio = SampleAudio.decode(SampleAudio.OTHER_FORMATS.resolve("mono-8k.wav"));
        try (OpenAiTranscriptionEngine engine = engine(simulator, "verbose_json")) {
            Transcript t = engine.transcribe(audio).get(30, TimeUnit.SECONDS);
            assertThat(t.audioSeconds()).isCloseTo(audio.seconds(), within(0.01)); // the simulator read our header
            assertThat(t.text()).isNotBlank();
        }
    }

    @Test
    void http429IsThrottledWithItsRetryAfter() throws Exception {
        try (Simulator throttling = Simulator.start(CONFIG.withBackend(
                        Backend.TRANSCRIPTION, c -> c.withFaults(FaultRates.NONE.withHttp429(1.0))));
                OpenAiTranscriptionEngine engine = engine(throttling, "json")) {
            assertThatThrownBy(
                            () -> engine.transcribe(SampleAudio.decode(SAMPLE)).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOfSatisfying(BackendException.class, e -> {
                        assertThat(e.kind()).isEqualTo(BackendException.Kind.THROTTLED);
                        assertThat(e.status()).isEqualTo(429);
                        assertThat(e.retryAfter()).isNotNull().isPositive();
                    });
        }
    }

    @Test
    void serverErrorsDropsAndMalformedRepliesAreTransient() throws Exception {
        for (FaultRates fault : new FaultRates[] {
            FaultRates.NONE.withHttp5xx(1.0), FaultRates.NONE.withDrop(1.0), FaultRates.NONE.withMalformed(1.0)
        }) {
            try (Simulator failing =
                            Simulator.start(CONFIG.withBackend(Backend.TRANSCRIPTION, c -> c.withFaults(fault)));
                    OpenAiTranscriptionEngine engine = engine(failing, "json")) {
                assertThatThrownBy(() ->
                                engine.transcribe(SampleAudio.decode(SAMPLE)).get(30, TimeUnit.SECONDS))
                        .as(fault.toString())
                        .cause()
                        .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.kind())
                                .isEqualTo(BackendException.Kind.TRANSIENT));
            }
        }
    }

    @Test
    void anUnknownModelIsAConfigurationError() throws Exception {
        try (OpenAiTranscriptionEngine engine = new OpenAiTranscriptionEngine(new OpenAiTranscriptionEngine.Settings(
                URI.create(simulator.baseUrl()),
                "",
                "no-such-model",
                "json",
                null,
                Locality.IN_CLUSTER,
                Duration.ofSeconds(20)))) {
            assertThatThrownBy(
                            () -> engine.transcribe(SampleAudio.decode(SAMPLE)).get(30, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOfSatisfying(BackendException.class, e -> {
                        assertThat(e.kind()).isEqualTo(BackendException.Kind.FATAL);
                        assertThat(e.status()).isEqualTo(404);
                        assertThat(e.getMessage()).contains(simulator.baseUrl());
                    });
        }
    }

    @Test
    void localityFollowsTheEndpointUnlessConfigured() {
        assertThat(EndpointLocality.resolve("auto", URI.create("http://127.0.0.1:8080")))
                .isEqualTo(Locality.IN_CLUSTER);
        assertThat(EndpointLocality.resolve("auto", URI.create("http://whisper.ai.svc.cluster.local:8000")))
                .isEqualTo(Locality.IN_CLUSTER);
        assertThat(EndpointLocality.resolve("auto", URI.create("ws://speech-to-text:5000")))
                .isEqualTo(Locality.IN_CLUSTER);
        assertThat(EndpointLocality.resolve("auto", URI.create("http://10.1.2.3:5000")))
                .isEqualTo(Locality.IN_CLUSTER);
        assertThat(EndpointLocality.resolve("auto", URI.create("https://api.openai.com")))
                .isEqualTo(Locality.CLOUD);
        assertThat(EndpointLocality.resolve("auto", URI.create("https://8.8.8.8")))
                .isEqualTo(Locality.CLOUD);
        assertThat(EndpointLocality.resolve("cloud", URI.create("http://127.0.0.1:8080")))
                .isEqualTo(Locality.CLOUD);
        assertThat(EndpointLocality.resolve("IN_CLUSTER", URI.create("https://api.openai.com")))
                .isEqualTo(Locality.IN_CLUSTER);
    }
}
