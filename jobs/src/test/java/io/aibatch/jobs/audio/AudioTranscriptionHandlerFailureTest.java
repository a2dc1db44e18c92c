package io.aibatch.jobs.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aibatch.audio.AudioDecoder;
import io.aibatch.audio.AudioLimits;
import io.aibatch.audio.SampleAudio;
import io.aibatch.engine.Locality;
import io.aibatch.engine.speech.OpenAiTranscriptionEngine;
import io.aibatch.item.WorkItem;
import io.aibatch.pipeline.ItemOutcome;
import io.aibatch.resilience.BackendConfigurationException;
import io.aibatch.resilience.BackendExecutor;
import io.aibatch.resilience.BackendPolicy;
import io.aibatch.resilience.BackendUnavailableException;
import io.aibatch.resilience.CallObserver;
import io.aibatch.resilience.ResilientTranscriptionEngine;
import io.aibatch.simulator.Simulator;
import io.aibatch.simulator.config.SimulatorConfig;
import io.aibatch.source.LocalDirectorySource;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The audio job's handler dead-letters only what is wrong with an item: a backend that stays down past max-outage,
 * or one that refuses the run's key, fails the step instead (before the fix the outage fell into the generic catch
 * and every remaining item of the slice was dead-lettered as {@code error}).
 */
class AudioTranscriptionHandlerFailureTest {

    private static final Path SAMPLE = SampleAudio.AUDIO.resolve("dictation-referral-note.wav");

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        scheduler.shutdownNow();
    }

    @Test
    void anOutageLongerThanMaxOutageFailsTheItemsInsteadOfDeadLetteringThem() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        BackendPolicy policy = BackendPolicy.fixed("transcription", 4)
                .withTimeouts(Duration.ofSeconds(2), 3, Duration.ofMillis(10), Duration.ofMillis(50))
                .withBreaker(50f, 4, Duration.ofSeconds(30), Duration.ofMillis(300));
        AudioTranscriptionHandler handler = handler("http://127.0.0.1:" + deadPort, "", policy);

        List<CompletableFuture<ItemOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            outcomes.add(handler.handle(item()));
        }
        int failedForOutage = 0;
        for (CompletableFuture<ItemOutcome> outcome : outcomes) {
            try {
                ItemOutcome done = outcome.get(30, TimeUnit.SECONDS);
                // the first few items may use up their attempts before the breaker opens: those are real item failures
                assertThat(done).isInstanceOf(ItemOutcome.DeadLettered.class);
                assertThat(((ItemOutcome.DeadLettered) done).code()).isEqualTo("backend-failed");
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(BackendUnavailableException.class);
                failedForOutage++;
            }
        }
        assertThat(failedForOutage)
                .as("items that met the open breaker past max-outage fail the step")
                .isGreaterThan(0);
    }

    @Test
    void aKeyTheBackendRefusesFailsWithAConfigurationErrorNamingTheEndpoint() throws Exception {
        Simulator simulator =
                Simulator.start(SimulatorConfig.defaults().withGroundTruth(SampleAudio.groundTruth()), "right-key");
        closing.add(simulator);
        AudioTranscriptionHandler handler =
                handler(simulator.baseUrl(), "wrong-key", BackendPolicy.fixed("transcription", 2));

        CompletableFuture<ItemOutcome> first = handler.handle(item());
        assertThatThrownBy(() -> first.get(30, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(BackendConfigurationException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining(simulator.baseUrl())
                .hasMessageNotContaining("wrong-key");
        // later items fail at once, without another call
        assertThatThrownBy(() -> handler.handle(item()).get(30, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(BackendConfigurationException.class);
        assertThat(simulator.stats(io.aibatch.simulator.Backend.TRANSCRIPTION).errors())
                .as("one refused call: a 401 is not retried, and later items are not sent")
                .containsEntry("http401", 1L);
    }

    private AudioTranscriptionHandler handler(String endpoint, String key, BackendPolicy policy) {
        OpenAiTranscriptionEngine engine = new OpenAiTranscriptionEngine(new OpenAiTranscriptionEngine.Settings(
                URI.create(endpoint), key, "whisper-1", "json", "en", Locality.IN_CLUSTER, Duration.ofSeconds(5)));
        closing.add(engine);
        BackendExecutor executor = new BackendExecutor(policy, scheduler);
        return new AudioTranscriptionHandler(
                new LocalDirectorySource(SAMPLE.getParent()),
                new AudioDecoder(AudioLimits.defaults()),
                new ResilientTranscriptionEngine(engine, executor, CallObserver.NONE),
                Runnable::run,
                "test");
    }

    private static WorkItem item() throws Exception {
        return new WorkItem(
                "id-" + System.nanoTime(),
                SAMPLE.toString(),
                SAMPLE.getFileName().toString(),
                java.nio.file.Files.size(SAMPLE),
                java.time.Instant.now(),
                null);
    }
}
