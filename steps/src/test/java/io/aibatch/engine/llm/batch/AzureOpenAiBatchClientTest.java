package io.aibatch.engine.llm.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aibatch.engine.BackendException;
import io.aibatch.engine.RestrictedContentException;
import io.aibatch.engine.Sensitivity;
import io.aibatch.engine.llm.AzureOpenAiClients;
import io.aibatch.engine.llm.ChatPrompt;
import io.aibatch.simulator.Backend;
import io.aibatch.simulator.Simulator;
import io.aibatch.simulator.config.BatchConfig;
import io.aibatch.simulator.config.SimulatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The batch client's steps against the simulator's Files and Batches APIs (azure-ai-openai underneath). */
class AzureOpenAiBatchClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String KEY = "batch-test-key";
    private static final BatchSettings FAST = BatchSettings.DEFAULTS
            .withPollInterval(Duration.ofMillis(100))
            .withFilePollInterval(Duration.ofMillis(20))
            .withQuotaBackoff(Duration.ofMillis(200), 20);

    @TempDir
    Path dir;

    private Simulator sim;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (sim != null) {
            sim.close();
        }
    }

    private AzureOpenAiBatchClient start(BatchConfig batch, BatchSettings settings) throws Exception {
        sim = Simulator.start(SimulatorConfig.defaults().withBatch(batch.withFastPhases()), KEY);
        return new AzureOpenAiBatchClient(
                AzureOpenAiClients.builder(sim.baseUrl(), KEY, "2024-10-21", TIMEOUT)
                        .buildClient(),
                "gpt-4o-mini-batch",
                settings,
                d -> {
                    sleeps.add(d);
                    Thread.sleep(d.toMillis());
                });
    }

    static ChatPrompt prompt(Sensitivity sensitivity, String text) {
        return new ChatPrompt(
                "docs/" + text.hashCode() + ".pdf", sensitivity, "Summarize the following document.", text, 60);
    }

    private static List<AzureOpenAiBatchClient.Request> requests(int n) {
        List<AzureOpenAiBatchClient.Request> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new AzureOpenAiBatchClient.Request(
                    "item-" + i,
                    prompt(Sensitivity.UNRESTRICTED, "Letter " + i + " arrived on Tuesday. It was kind.")));
        }
        return out;
    }

    private JsonNode simFiles() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/_sim/files"))
                                .header("api-key", KEY)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return JsonMapper.builder().build().readTree(r.body()).get("data");
    }

    @Test
    void uploadCreatePollDownloadMapByCustomIdAndDelete() throws Exception {
        AzureOpenAiBatchClient client = start(BatchConfig.DEFAULTS.withProcessingSeconds(0.5), FAST);
        List<BatchInputFile> files = client.writeInputFiles(requests(5), dir, "slice-0");
        assertThat(files).hasSize(1);
        BatchInputFile file = files.get(0);
        assertThat(file.customIds()).hasSize(5);

        String inputId = client.upload(file);
        client.awaitProcessed(inputId);
        BatchStatus created = client.create(inputId, Map.of("run", "r1", "slice", "0"));
        assertThat(created.state()).isEqualTo(BatchState.VALIDATING);
        assertThat(created.inputFileId()).isEqualTo(inputId);

        BatchStatus done = client.awaitTerminal(created.id(), Duration.ofSeconds(30));
        assertThat(done.state()).isEqualTo(BatchState.COMPLETED);
        assertThat(done.total()).isEqualTo(5);
        assertThat(done.completed()).isEqualTo(5);
        assertThat(sleeps)
                .isNotEmpty()
                .allMatch(d -> d.equals(FAST.pollInterval()) || d.equals(FAST.filePollInterval()));

        Map<String, BatchLineResult> results = client.results(done);
        assertThat(results).containsOnlyKeys(file.customIds());
        for (int i = 0; i < 5; i++) {
            BatchLineResult r = results.get("item-" + i);
            assertThat(r.succeeded()).isTrue();
            assertThat(r.reply().text()).isEqualTo("Letter " + i + " arrived on Tuesday. It was kind.");
            assertThat(r.reply().tokensIn()).isPositive();
            assertThat(r.reply().tokensOut()).isPositive();
        }

        client.deleteFile(inputId);
        client.deleteFile(done.outputFileId());
        client.deleteFile(done.errorFileId());
        client.deleteFile(inputId); // already gone: fine
        JsonNode stored = simFiles();
        assertThat(stored)
                .hasSize(3)
                .allSatisfy(f -> assertThat(f.get("deleted").asBoolean()).isTrue());
        assertThat(stored.get(0).get("content").asString()).isEqualTo(Files.readString(file.path()));
        assertThat(stored.get(0).get("content").asString()).doesNotContain(KEY);
    }

    /** The SDK read a file body in tiny pieces: 1.8 MB took 19 to 30 s; buffered it takes well under a second. */
    @Test
    void aLargeFileUploadsQuickly() throws Exception {
        AzureOpenAiBatchClient client = start(BatchConfig.DEFAULTS, FAST);
        byte[] line = client.requestLine("x", prompt(Sensitivity.UNRESTRICTED, "A".repeat(350)));
        BatchFileWriter writer = new BatchFileWriter(dir, "large", BatchSettings.MAX_REQUESTS_PER_FILE, 10_000_000);
        for (int i = 0; i < 4000; i++) {
            writer.add("x" + i, line);
        }
        BatchInputFile file = writer.finish().get(0);
        assertThat(file.bytes()).isGreaterThan(2_000_000);
        long started = System.nanoTime();
        String id = client.upload(file);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(simFiles().get(0).get("bytes").asLong()).isEqualTo(file.bytes());
        assertThat(simFiles().get(0).get("id").asString()).isEqualTo(id);
    }

    @Test
    void filesSplitAtTheRequestAndByteLimits() throws Exception {
        AzureOpenAiBatchClient client =
                start(BatchConfig.DEFAULTS, FAST.withFileLimits(2, BatchSettings.MAX_FILE_BYTES));
        List<BatchInputFile> byCount = client.writeInputFiles(requests(5), dir, "count");
        assertThat(byCount).extracting(f -> f.customIds().size()).containsExactly(2, 2, 1);
        assertThat(byCount.get(2).customIds()).containsExactly("item-4");

        int lineBytes = client.requestLine("item-0", requests(1).get(0).prompt()).length + 1;
        BatchFileWriter writer = new BatchFileWriter(dir, "bytes", 100, lineBytes * 2L + 10);
        for (AzureOpenAiBatchClient.Request r : requests(5)) {
            writer.add(r.customId(), client.requestLine(r.customId(), r.prompt()));
        }
        List<BatchInputFile> bySize = writer.finish();
        assertThat(bySize).extracting(f -> f.customIds().size()).containsExactly(2, 2, 1);
        for (BatchInputFile f : bySize) {
            assertThat(Files.size(f.path())).isEqualTo(f.bytes()).isLessThanOrEqualTo(lineBytes * 2L + 10);
            assertThat(Files.readAllLines(f.path())).hasSize(f.customIds().size());
        }
        assertThatThrownBy(() -> new BatchFileWriter(dir, "tiny", 100, 10).add("x", new byte[20]))
                .hasMessageContaining("more than the 10 bytes");
    }

    @Test
    void restrictedContentNeverReachesABatchFile() throws Exception {
        AzureOpenAiBatchClient client = start(BatchConfig.DEFAULTS, FAST);
        for (Sensitivity s : List.of(Sensitivity.RESTRICTED, Sensitivity.UNCHECKED)) {
            List<AzureOpenAiBatchClient.Request> mixed = new ArrayList<>(requests(2));
            mixed.add(new AzureOpenAiBatchClient.Request("secret", prompt(s, "Patient record 123.")));
            assertThatThrownBy(() -> client.writeInputFiles(mixed, dir, "mixed-" + s))
                    .isInstanceOf(RestrictedContentException.class);
        }
        try (var written = Files.list(dir)) {
            assertThat(written.map(p -> readQuietly(p))).noneMatch(text -> text.contains("Patient record"));
        }
    }

    @Test
    void tokenLimitExceededBacksOffExponentiallyUntilTheQuotaFrees() throws Exception {
        AzureOpenAiBatchClient client =
                start(BatchConfig.DEFAULTS.withProcessingSeconds(1).withEnqueuedTokenLimit(150), FAST);
        BatchInputFile first = client.writeInputFiles(requests(5), dir, "a").get(0);
        BatchInputFile second = client.writeInputFiles(requests(5), dir, "b").get(0);
        String firstId = client.upload(first);
        String secondId = client.upload(second);
        client.awaitProcessed(firstId);
        client.awaitProcessed(secondId);
        List<Long> creates = new CopyOnWriteArrayList<>();
        try (AutoCloseable watch = sim.onRequest(Backend.AZURE_OPENAI, r -> {
            if (r.method().equals("POST") && r.path().equals("/openai/batches")) {
                creates.add(System.nanoTime());
            }
        })) {
            client.create(firstId, Map.of());
            BatchStatus later = client.create(secondId, Map.of());
            assertThat(later.inputFileId()).isEqualTo(secondId);
        }
        // the second file was refused while the first batch held the quota (about 1.1 s), then accepted; the waits
        // between its attempts start at 200 ms and double
        assertThat(creates.size()).isGreaterThanOrEqualTo(4);
        for (int i = 2; i < creates.size(); i++) {
            long gapMs = (creates.get(i) - creates.get(i - 1)) / 1_000_000;
            assertThat(gapMs).as("wait before attempt %d", i).isGreaterThanOrEqualTo(200L << (i - 2));
        }
    }

    @Test
    void aQuotaThatNeverFreesFailsAfterTheConfiguredAttempts() throws Exception {
        AzureOpenAiBatchClient client = start(
                BatchConfig.DEFAULTS.withProcessingSeconds(30).withEnqueuedTokenLimit(150),
                FAST.withQuotaBackoff(Duration.ofMillis(10), 3));
        String a = client.upload(client.writeInputFiles(requests(5), dir, "a").get(0));
        String b = client.upload(client.writeInputFiles(requests(5), dir, "b").get(0));
        client.awaitProcessed(a);
        client.awaitProcessed(b);
        client.create(a, Map.of());
        assertThatThrownBy(() -> client.create(b, Map.of()))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("token_limit_exceeded")
                .hasMessageNotContaining(KEY);
    }

    @Test
    void aRestartFindsTheBatchCreatedFromItsInputFileAndCanCancelIt() throws Exception {
        AzureOpenAiBatchClient client = start(BatchConfig.DEFAULTS.withProcessingSeconds(2), FAST);
        List<String> inputs = new ArrayList<>();
        List<String> batches = new ArrayList<>();
        // more batches than one list page (100) would not be quick; 3 suffice with the newest-first order
        for (int i = 0; i < 3; i++) {
            String id = client.upload(
                    client.writeInputFiles(requests(4), dir, "r" + i).get(0));
            client.awaitProcessed(id);
            inputs.add(id);
            batches.add(client.create(id, Map.of()).id());
        }
        assertThat(client.findByInputFile(inputs.get(1)))
                .get()
                .extracting(BatchStatus::id)
                .isEqualTo(batches.get(1));
        assertThat(client.findByInputFile("file-never-uploaded")).isEmpty();

        while (client.status(batches.get(0)).state() != BatchState.IN_PROGRESS) {
            Thread.sleep(20);
        }
        Thread.sleep(1000);
        assertThat(client.cancel(batches.get(0)).state()).isEqualTo(BatchState.CANCELLING);
        BatchStatus cancelled = client.awaitTerminal(batches.get(0), Duration.ofSeconds(10));
        assertThat(cancelled.state()).isEqualTo(BatchState.CANCELLED);
        Map<String, BatchLineResult> results = client.results(cancelled);
        assertThat(results).hasSize(4);
        assertThat(results.values()).anyMatch(BatchLineResult::notRun);
        assertThat(results.values().stream().filter(BatchLineResult::succeeded).count())
                .isEqualTo(cancelled.completed());
    }

    @Test
    void findByInputFilePagesThroughTheWholeList() throws Exception {
        AzureOpenAiBatchClient client = start(BatchConfig.DEFAULTS.withProcessingSeconds(60), FAST);
        String target =
                client.upload(client.writeInputFiles(requests(1), dir, "target").get(0));
        String other =
                client.upload(client.writeInputFiles(requests(1), dir, "other").get(0));
        client.awaitProcessed(target);
        client.awaitProcessed(other);
        String wanted = client.create(target, Map.of()).id();
        for (int i = 0; i < 120; i++) { // newer than the wanted one: it is on the second page of 100
            client.create(other, Map.of());
        }
        assertThat(client.findByInputFile(target))
                .get()
                .extracting(BatchStatus::id)
                .isEqualTo(wanted);
    }

    @Test
    void aFailedBatchSurfacesItsValidationErrors() throws Exception {
        AzureOpenAiBatchClient client = start(BatchConfig.DEFAULTS, FAST);
        BatchFileWriter writer = new BatchFileWriter(dir, "dup", 100, 1_000_000);
        byte[] line = client.requestLine("same", requests(1).get(0).prompt());
        writer.add("same", line);
        writer.add("same", line);
        String id = client.upload(writer.finish().get(0));
        client.awaitProcessed(id);
        BatchStatus failed = client.awaitTerminal(client.create(id, Map.of()).id(), Duration.ofSeconds(10));
        assertThat(failed.state()).isEqualTo(BatchState.FAILED);
        assertThat(failed.errors())
                .singleElement()
                .asString()
                .startsWith("duplicate_custom_id:")
                .endsWith("(line 2)");
    }

    @Test
    void outputLinesAreParsedWhateverFileTheyComeFrom() {
        BatchLineResult filtered = AzureOpenAiBatchClient.parseLine(
                "{\"custom_id\":\"x\",\"response\":{\"status_code\":400,\"body\":{\"error\":{\"code\":\"content_filter\","
                        + "\"message\":\"filtered\"}}},\"error\":null}");
        assertThat(filtered.succeeded()).isFalse();
        assertThat(filtered.errorCode()).isEqualTo("content_filter");
        assertThat(filtered.notRun()).isFalse();
        BatchLineResult expired = AzureOpenAiBatchClient.parseLine(
                "{\"custom_id\":\"y\",\"response\":null,\"error\":{\"code\":\"batch_expired\",\"message\":\"m\"}}");
        assertThat(expired.notRun()).isTrue();
        assertThat(expired.statusCode()).isZero();
        assertThat(BatchState.parse("Validating")).isEqualTo(BatchState.VALIDATING);
        assertThat(BatchState.parse("paused")).isEqualTo(BatchState.UNKNOWN);
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
