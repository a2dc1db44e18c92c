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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Speech SDK client against the simulator's Speech-to-text container WebSocket. */
class AzureSpeechContainerEngineTest {

    /** 50x real time per decoder: the 160 s of sample audio take about 2 s on 2 decoders. */
    private static final SimulatorConfig FAST = SimulatorConfig.defaults()
            .withGroundTruth(SampleAudio.groundTruth())
            .withBackend(
                    Backend.SPEECH, c -> c.withServiceTime(20, 20).withSlots(2).withQueueLimit(64));

    private static Simulator simulator;

    @BeforeAll
    static void start() throws Exception {
        simulator = Simulator.start(FAST);
    }

    @AfterAll
    static void stop() throws Exception {
        simulator.close();
    }

    private static AzureSpeechContainerEngine engine(Simulator sim, Integer sdkRetries, int maxResumes) {
        return new AzureSpeechContainerEngine(new AzureSpeechContainerEngine.Settings(
                URI.create(sim.speechHost()), "en-US", Locality.IN_CLUSTER, sdkRetries, maxResumes, 5000));
    }

    private static Transcript transcribe(TranscriptionEngine engine, Path wav) throws Exception {
        return engine.transcribe(SampleAudio.decode(wav)).get(60, TimeUnit.SECONDS);
    }

    @Test
    void transcribesEverySampleWithItsTranscript() throws Exception {
        try (AzureSpeechContainerEngine engine = engine(simulator, null, 3)) {
            Map<Path, CompletableFuture<Transcript>> running = new LinkedHashMap<>();
            for (Path wav : SampleAudio.files(SampleAudio.AUDIO)) {
                running.put(wav, engine.transcribe(SampleAudio.decode(wav)));
            }
            assertThat(running).hasSizeGreaterThanOrEqualTo(10);
            for (var e : running.entrySet()) {
                Transcript t = e.getValue().get(60, TimeUnit.SECONDS);
                assertThat(t.text())
                        .as(e.getKey().getFileName().toString())
                        .isEqualTo(SampleAudio.transcriptOf(e.getKey()));
                assertContiguous(t, SampleAudio.decode(e.getKey()).seconds());
                assertThat(t.connections()).isEqualTo(1);
            }
        }
    }

    @Test
    void transcribesAFileLongerThanAMinuteWhole() throws Exception {
        PcmAudio audio = SampleAudio.decode(SampleAudio.LONG);
        assertThat(audio.seconds()).isGreaterThan(60);
        try (AzureSpeechContainerEngine engine = engine(simulator, null, 3)) {
            Transcript t = engine.transcribe(audio).get(60, TimeUnit.SECONDS);
            assertThat(t.text()).isEqualTo(SampleAudio.transcriptOf(SampleAudio.LONG));
            assertThat(t.segments()).hasSizeGreaterThan(10);
            assertThat(t.segments().get(t.segments().size() - 1).end()).isCloseTo(audio.seconds(), within(0.01));
            assertThat(t.audioSeconds()).isCloseTo(audio.seconds(), within(0.001));
        }
    }

    /** Every connection drops mid-file; the SDK reconnects and continues from its last phrase. */
    @Test
    void sdkContinuesAfterDroppedConnectionsWithoutGapOrDuplicate() throws Exception {
        try (Simulator dropping = Simulator.start(
                        FAST.withBackend(Backend.SPEECH, c -> c.withFaults(FaultRates.NONE.withDrop(1.0))));
                AzureSpeechContainerEngine engine = engine(dropping, null, 0)) {
            Transcript t = transcribe(engine, SampleAudio.LONG);
            assertThat(dropping.stats(Backend.SPEECH).errors("drop")).isGreaterThanOrEqualTo(3);
            assertThat(t.text()).isEqualTo(SampleAudio.transcriptOf(SampleAudio.LONG));
            assertContiguous(t, SampleAudio.decode(SampleAudio.LONG).seconds());
        }
    }

    /** With the SDK's reconnects off, the engine itself continues each dropped stream from the last phrase's end. */
    @Test
    void engineContinuesWhenTheSdkGivesUp() throws Exception {
        try (Simulator dropping = Simulator.start(
                        FAST.withBackend(Backend.SPEECH, c -> c.withFaults(FaultRates.NONE.withDrop(1.0))));
                AzureSpeechContainerEngine engine = engine(dropping, 0, 20)) {
            Transcript t = transcribe(engine, SampleAudio.LONG);
            assertThat(t.connections()).isGreaterThanOrEqualTo(3);
            assertThat(dropping.stats(Backend.SPEECH).errors("drop")).isEqualTo(t.connections() - 1);
            assertThat(t.text()).isEqualTo(SampleAudio.transcriptOf(SampleAudio.LONG));
            assertContiguous(t, SampleAudio.decode(SampleAudio.LONG).seconds());
        }
    }

    @Test
    void givesUpWithATransientFailureWhenResumesRunOut() throws Exception {
        try (Simulator dropping = Simulator.start(
                        FAST.withBackend(Backend.SPEECH, c -> c.withFaults(FaultRates.NONE.withDrop(1.0))));
                AzureSpeechContainerEngine engine = engine(dropping, 0, 1)) {
            assertThatThrownBy(() -> transcribe(engine, SampleAudio.LONG))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOfSatisfying(BackendException.class, e -> {
                        assertThat(e.kind()).isEqualTo(BackendException.Kind.TRANSIENT);
                        assertThat(e.getMessage()).contains("ConnectionFailure");
                    });
        }
    }

    @Test
    void unknownAudioGetsPhrasesThatFollowItsDuration() throws Exception {
        PcmAudio stereo = SampleAudio.decode(SampleAudio.OTHER_FORMATS.resolve("stereo-44k1.wav"));
        assertThat(stereo.converted()).isTrue();
        try (AzureSpeechContainerEngine engine = engine(simulator, null, 3)) {
            Transcript t = engine.transcribe(stereo).get(60, TimeUnit.SECONDS);
            Transcript again = engine.transcribe(stereo).get(60, TimeUnit.SECONDS);
            assertThat(again.text()).isEqualTo(t.text());
            int words = t.text().split("\\s+").length;
            assertThat(words).isBetween((int) (stereo.seconds() * 2.5) - 2, (int) (stereo.seconds() * 2.5) + 2);
            assertContiguous(t, stereo.seconds());
        }
    }

    @Test
    void refusedConnectionsAreThrottled() throws Exception {
        try (Simulator refusing = Simulator.start(
                        FAST.withBackend(Backend.SPEECH, c -> c.withFaults(FaultRates.NONE.withHttp429(1.0))));
                AzureSpeechContainerEngine engine = engine(refusing, 0, 3)) {
            assertThatThrownBy(() -> transcribe(engine, SampleAudio.AUDIO.resolve("order-status.wav")))
                    .cause()
                    .isInstanceOfSatisfying(BackendException.class, e -> {
                        assertThat(e.kind()).isEqualTo(BackendException.Kind.THROTTLED);
                        assertThat(e.status()).isEqualTo(429);
                    });
        }
    }

    /** Phrases in time order, each starting where the previous ended, the last ending at the end of the audio. */
    static void assertContiguous(Transcript t, double seconds) {
        List<Transcript.Segment> s = new ArrayList<>(t.segments());
        assertThat(s).isNotEmpty();
        assertThat(s.get(0).start()).isCloseTo(0.0, within(0.001));
        for (int i = 1; i < s.size(); i++) {
            assertThat(s.get(i).start())
                    .as("segment %d starts where %d ended", i, i - 1)
                    .isCloseTo(s.get(i - 1).end(), within(0.0005));
        }
        assertThat(s.get(s.size() - 1).end()).isCloseTo(seconds, within(0.01));
    }
}
