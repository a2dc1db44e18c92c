package io.aibatch.engine.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.aibatch.devtools.quality.CharacterErrorRate;
import io.aibatch.engine.BackendException;
import io.aibatch.engine.http.HttpFailures;
import io.aibatch.simulator.Backend;
import io.aibatch.simulator.Simulator;
import io.aibatch.simulator.config.FaultRates;
import io.aibatch.simulator.config.GroundTruthConfig;
import io.aibatch.simulator.config.SimulatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Read and Document Intelligence clients against the spec-faithful simulator. */
class RemoteOcrClientsTest {

    static final Path SAMPLE = Path.of("..", "sample-data").toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private Simulator simulator;

    @AfterEach
    void stop() throws Exception {
        if (simulator != null) {
            simulator.close();
        }
    }

    private RemoteOcrSettings start(Backend backend, UnaryOperator<io.aibatch.simulator.config.BackendConfig> tune)
            throws Exception {
        SimulatorConfig config = SimulatorConfig.defaults()
                .withGroundTruth(
                        new GroundTruthConfig(SAMPLE.resolve("documents"), SAMPLE.resolve("ground-truth"), null))
                .withBackend(backend, tune);
        simulator = Simulator.start(config);
        return new RemoteOcrSettings(
                URI.create(simulator.baseUrl()),
                null,
                Duration.ofSeconds(5),
                Duration.ofMillis(50),
                io.aibatch.engine.Locality.IN_CLUSTER);
    }

    private static UnaryOperator<io.aibatch.simulator.config.BackendConfig> fast() {
        return b -> b.withServiceTime(5, 5).withJitterSigma(0);
    }

    @Test
    void readFollowsTheOperationLocationUntilTheTextIsReady() throws Exception {
        ReadOcrClient read = new ReadOcrClient(start(Backend.READ, b -> b.withServiceTime(150, 50)), false, HTTP);
        byte[] scan = Files.readAllBytes(SAMPLE.resolve("documents/hr-record-01.pdf"));

        OcrDocument document = read.recognize(scan, "application/pdf").get();

        String truth = Files.readString(SAMPLE.resolve("ground-truth/hr-record-01.txt"));
        assertThat(document.pages()).hasSize(2);
        assertThat(CharacterErrorRate.of(truth, document.text())).isLessThan(0.01);
        assertThat(document.engine()).startsWith("read-container");
        assertThat(simulator.stats(Backend.READ).polls())
                .as("the client polled")
                .isGreaterThan(1);
    }

    @Test
    void readSyncAnalyzeReturnsTheSameText() throws Exception {
        ReadOcrClient read = new ReadOcrClient(start(Backend.READ, fast()), true, HTTP);
        byte[] image = Files.readAllBytes(SAMPLE.resolve("documents/letter-01.png"));
        OcrDocument document = read.recognize(image, "image/png").get();
        assertThat(CharacterErrorRate.of(
                        Files.readString(SAMPLE.resolve("ground-truth/letter-01.txt")), document.text()))
                .isLessThan(0.01);
    }

    @Test
    void documentIntelligenceReadsEveryPage() throws Exception {
        DocumentIntelligenceOcrClient client =
                new DocumentIntelligenceOcrClient(start(Backend.DOC_INTEL, fast()), "prebuilt-read", HTTP);
        byte[] pdf = Files.readAllBytes(SAMPLE.resolve("documents/invoice-01.pdf"));
        OcrDocument document = client.recognize(pdf, "application/pdf").get();
        assertThat(document.pages()).hasSize(2);
        assertThat(CharacterErrorRate.of(
                        Files.readString(SAMPLE.resolve("ground-truth/invoice-01.txt")), document.text()))
                .isLessThan(0.01);
    }

    @Test
    void overCapacityIsThrottledWithTheServersRetryAfter() throws Exception {
        ReadOcrClient read = new ReadOcrClient(
                start(Backend.READ, b -> b.withSlots(1).withQueueLimit(0).withServiceTime(300, 0)), false, HTTP);
        byte[] image = Files.readAllBytes(SAMPLE.resolve("documents/letter-01.png"));
        List<CompletableFuture<OcrDocument>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(read.recognize(image, "image/png"));
        }
        List<BackendException> throttled = new ArrayList<>();
        for (CompletableFuture<OcrDocument> call : calls) {
            Throwable error = catchThrowable(call::join);
            if (error != null) {
                throttled.add((BackendException) HttpFailures.unwrap(error));
            }
        }
        assertThat(throttled).isNotEmpty().allSatisfy(failure -> {
            assertThat(failure.kind()).isEqualTo(BackendException.Kind.THROTTLED);
            assertThat(failure.status()).isEqualTo(429);
            assertThat(failure.retryAfter()).isPositive();
        });
    }

    @Test
    void aMalformedReplyIsATransientFailure() throws Exception {
        ReadOcrClient read = new ReadOcrClient(
                start(Backend.READ, b -> fast().apply(b).withFaults(FaultRates.NONE.withMalformed(1.0))), true, HTTP);
        byte[] image = Files.readAllBytes(SAMPLE.resolve("documents/letter-01.png"));
        for (int i = 0; i < 2; i++) { // truncated JSON and schema-breaking JSON alternate
            BackendException failure = (BackendException) HttpFailures.unwrap(
                    catchThrowable(() -> read.recognize(image, "image/png").join()));
            assertThat(failure.kind()).isEqualTo(BackendException.Kind.TRANSIENT);
            assertThat(failure.getMessage()).contains("malformed reply");
        }
    }

    @Test
    void aHangingBackendTimesOut() throws Exception {
        RemoteOcrSettings settings =
                start(Backend.READ, b -> fast().apply(b).withFaults(FaultRates.NONE.withHang(1.0)));
        ReadOcrClient read = new ReadOcrClient(
                new RemoteOcrSettings(
                        settings.endpoint(), null, Duration.ofMillis(300), Duration.ofMillis(50), settings.locality()),
                true,
                HTTP);
        BackendException failure = (BackendException) HttpFailures.unwrap(catchThrowable(
                () -> read.recognize(Files.readAllBytes(SAMPLE.resolve("documents/letter-01.png")), "image/png")
                        .join()));
        assertThat(failure.kind()).isEqualTo(BackendException.Kind.TRANSIENT);
        assertThat(failure.getCause()).isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void theServiceRejectingAnItemIsPermanent() throws Exception {
        ReadOcrClient read = new ReadOcrClient(start(Backend.READ, fast()), true, HTTP);
        BackendException failure = (BackendException) HttpFailures.unwrap(
                catchThrowable(() -> read.recognize("not an image".getBytes(), "application/octet-stream")
                        .join()));
        assertThat(failure.kind()).isEqualTo(BackendException.Kind.PERMANENT);
        assertThat(failure.status()).isEqualTo(400);
        assertThat(failure.getMessage()).contains("InvalidImage");
    }

    @Test
    void theApiKeyNeverAppearsInTheSettingsDescription() {
        RemoteOcrSettings settings = new RemoteOcrSettings(
                URI.create("http://read:5000"),
                "s3cr3t-key",
                Duration.ofSeconds(1),
                Duration.ofMillis(10),
                io.aibatch.engine.Locality.CLOUD);
        assertThat(settings.toString()).doesNotContain("s3cr3t-key");
    }
}
