package io.aibatch.simulator;

import static io.aibatch.simulator.SpecSchemas.assertInvalid;
import static io.aibatch.simulator.SpecSchemas.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.simulator.config.BatchConfig;
import io.aibatch.simulator.config.SimulatorConfig;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Azure OpenAI Files and Batches APIs: every response is checked against the authoring spec subsets (with the
 * spec's documented quirks patched, see {@link SpecSchemas#azureBatch}), every file line against the JSONL line schemas,
 * and the lifecycle, validation, quota, cancel and expiry behave as behaviour.md describes.
 */
class BatchApiTest {

    private static final String GA = "2024-10-21";
    private static final String PREVIEW = "2025-04-01-preview";
    private Simulator sim;
    private SimClient client;

    @AfterEach
    void stop() throws Exception {
        if (sim != null) {
            sim.close();
        }
    }

    private void start(BatchConfig batch) throws Exception {
        sim = Simulator.start(SimulatorConfig.defaults().withBatch(batch.withFastPhases()));
        client = new SimClient(sim);
    }

    private static String q(String path, String version) {
        return path + (path.contains("?") ? "&" : "?") + "api-version=" + version;
    }

    private HttpResponse<String> call(String method, String path) throws Exception {
        return client.send(client.request(q(path, GA))
                .header("api-key", "k")
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build());
    }

    private HttpResponse<String> post(String path, String version, Object body) throws Exception {
        return client.send(client.postJsonRequest(q(path, version), body)
                .header("api-key", "k")
                .build());
    }

    static String line(String customId, String deployment, String text, int maxTokens) {
        return SimClient.JSON.writeValueAsString(Map.of(
                "custom_id",
                customId,
                "method",
                "POST",
                "url",
                "/chat/completions",
                "body",
                Map.of(
                        "model",
                        deployment,
                        "max_tokens",
                        maxTokens,
                        "messages",
                        List.of(Map.of("role", "user", "content", text)))));
    }

    private HttpResponse<String> upload(String purpose, String filename, String content) throws Exception {
        String boundary = "----sim" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n" + purpose
                + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        return client.send(client.request(q("/openai/files", GA))
                .header("api-key", "k")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** Uploads and waits until the file is processed; returns its id. */
    private String processedFile(String content) throws Exception {
        HttpResponse<String> r = upload("batch", "input.jsonl", content);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String id = SimClient.json(r).get("id").asString();
        poll("/openai/files/" + id, f -> f.get("status").asString().equals("processed"));
        return id;
    }

    private JsonNode createBatch(String fileId) throws Exception {
        HttpResponse<String> r = post(
                "/openai/batches",
                GA,
                Map.of("input_file_id", fileId, "endpoint", "/chat/completions", "completion_window", "24h"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertValid(SpecSchemas.azureBatch(GA, "Batch"), r.body());
        return SimClient.json(r);
    }

    /** GETs the path until {@code done}; returns every distinct status seen and the last body. */
    private JsonNode poll(String path, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            HttpResponse<String> r = call("GET", path);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode body = SimClient.json(r);
            if (done.test(body)) {
                return body;
            }
            assertThat(System.nanoTime()).as("waiting for " + path).isLessThan(deadline);
            Thread.sleep(25);
        }
    }

    private JsonNode pollBatch(String id, String status, List<String> seen) throws Exception {
        return poll("/openai/batches/" + id, b -> {
            String s = b.get("status").asString();
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(s)) {
                seen.add(s);
            }
            assertValid(SpecSchemas.azureBatch(GA, "Batch"), b.toString());
            return s.equals(status);
        });
    }

    private List<JsonNode> lines(String fileId) throws Exception {
        HttpResponse<String> r = call("GET", "/openai/files/" + fileId + "/content");
        assertThat(r.statusCode()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        for (String l : r.body().split("\n")) {
            if (!l.isBlank()) {
                out.add(SimClient.JSON.readTree(l));
            }
        }
        return out;
    }

    @Test
    void filesAreUploadedProcessedListedDownloadedAndDeletedButTheAdminViewKeepsThem() throws Exception {
        start(BatchConfig.DEFAULTS);
        String content = line("a", "gpt-4o-mini-batch", "Hello.", 10) + "\n";
        HttpResponse<String> up = upload("batch", "input.jsonl", content);
        assertThat(up.statusCode()).isEqualTo(201);
        assertValid(SpecSchemas.azureBatch(GA, "File"), up.body());
        JsonNode file = SimClient.json(up);
        String id = file.get("id").asString();
        assertThat(up.headers().firstValue("Location")).hasValue(sim.baseUrl() + "/openai/files/" + id);
        assertThat(file.get("status").asString()).isEqualTo("pending");
        assertThat(file.get("bytes").asLong()).isEqualTo(content.getBytes(StandardCharsets.UTF_8).length);
        poll("/openai/files/" + id, f -> f.get("status").asString().equals("processed"));

        HttpResponse<String> list = call("GET", "/openai/files");
        assertValid(SpecSchemas.azureBatch(GA, "FileList"), list.body());
        assertThat(SimClient.json(list).get("data").get(0).get("id").asString()).isEqualTo(id);
        assertThat(call("GET", "/openai/files/" + id + "/content").body()).isEqualTo(content);

        HttpResponse<String> deleted = call("DELETE", "/openai/files/" + id);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertValid(SpecSchemas.azureBatch(GA, "FileDelete"), deleted.body());
        assertValid(SpecSchemas.azureBatch(PREVIEW, "FileDelete"), deleted.body());
        HttpResponse<String> gone = call("GET", "/openai/files/" + id);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertValid(SpecSchemas.azureBatch(GA, "ErrorResponse"), gone.body());
        assertThat(SimClient.json(call("GET", "/openai/files")).get("data")).isEmpty();

        JsonNode admin = SimClient.json(client.get("/_sim/files")).get("data");
        assertThat(admin).hasSize(1);
        assertThat(admin.get(0).get("id").asString()).isEqualTo(id);
        assertThat(admin.get(0).get("deleted").asBoolean()).isTrue();
        assertThat(admin.get(0).get("content").asString()).isEqualTo(content);

        HttpResponse<String> badPurpose = upload("nonsense", "x.jsonl", content);
        assertThat(badPurpose.statusCode()).isEqualTo(400);
        assertValid(SpecSchemas.azureBatch(GA, "ErrorResponse"), badPurpose.body());
    }

    @Test
    void batchRunsItsLifecycleAndAnswersEveryLineOutOfInputOrder() throws Exception {
        start(BatchConfig.DEFAULTS.withProcessingSeconds(0.5));
        List<String> ids = new ArrayList<>();
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            ids.add("item-" + i);
            jsonl.append(line("item-" + i, "gpt-4o-mini-batch", "Summarize: Invoice " + i + " is due. Pay soon.", 50))
                    .append('\n');
        }
        // one line the chat endpoint refuses (max_tokens beyond the context) goes to the error file
        jsonl.append(line("too-long", "gpt-4o-mini-batch", "Hello.", 10_000_000))
                .append('\n');
        String fileId = processedFile(jsonl.toString());

        JsonNode created = createBatch(fileId);
        assertThat(created.get("status").asString()).isEqualTo("validating");
        assertThat(created.get("output_file_id").isNull()).isTrue();
        assertThat(created.get("request_counts").get("total").asInt()).isZero();
        assertThat(created.get("expires_at").asLong()
                        - created.get("created_at").asLong())
                .isEqualTo(86_400);

        List<String> seen = new ArrayList<>();
        JsonNode done = pollBatch(created.get("id").asString(), "completed", seen);
        assertThat(seen).containsSubsequence("validating", "in_progress", "completed");
        assertThat(seen).doesNotContain("failed", "expired", "cancelled");
        assertThat(done.get("in_progress_at").isNull()).isFalse();
        assertThat(done.get("finalizing_at").isNull()).isFalse();
        assertThat(done.get("completed_at").isNull()).isFalse();
        assertThat(done.get("request_counts").get("total").asInt()).isEqualTo(9);
        assertThat(done.get("request_counts").get("completed").asInt()).isEqualTo(8);
        assertThat(done.get("request_counts").get("failed").asInt()).isEqualTo(1);

        List<JsonNode> output = lines(done.get("output_file_id").asString());
        List<String> order = new ArrayList<>();
        for (JsonNode l : output) {
            assertValid(SpecSchemas.batchLine("outputLine"), l.toString());
            assertValid(
                    SpecSchemas.azureOpenAi("createChatCompletionResponse"),
                    l.get("response").get("body").toString());
            order.add(l.get("custom_id").asString());
            String n = l.get("custom_id").asString().substring("item-".length());
            assertThat(l.get("response")
                            .get("body")
                            .get("choices")
                            .get(0)
                            .get("message")
                            .get("content")
                            .asString())
                    .isEqualTo("Invoice " + n + " is due. Pay soon.");
        }
        assertThat(order).containsExactlyInAnyOrderElementsOf(ids).isNotEqualTo(ids);
        List<JsonNode> errors = lines(done.get("error_file_id").asString());
        assertThat(errors).hasSize(1);
        assertValid(SpecSchemas.batchLine("errorLine"), errors.get(0).toString());
        assertThat(errors.get(0).get("custom_id").asString()).isEqualTo("too-long");
        assertThat(errors.get(0).get("response").get("status_code").asInt()).isEqualTo(400);

        HttpResponse<String> files = call("GET", "/openai/files?purpose=batch_output");
        assertThat(SimClient.json(files).get("data")).hasSize(2);
        assertValid(SpecSchemas.azureBatch(GA, "FileList"), files.body());
        HttpResponse<String> list = call("GET", "/openai/batches");
        assertValid(SpecSchemas.azureBatch(GA, "BatchesList"), list.body());
        assertThat(SimClient.json(list).get("data").get(0).get("input_file_id").asString())
                .isEqualTo(fileId);
    }

    @Test
    void aCreateDelayListsTheBatchBeforeItsCreatorHearsOfIt() throws Exception {
        start(BatchConfig.DEFAULTS.withCreateDelayMs(1500));
        String file = processedFile(line("only", "d", "Hi there.", 5));
        long start = System.nanoTime();
        java.util.concurrent.CompletableFuture<JsonNode> created =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return createBatch(file);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        JsonNode listed = poll("/openai/batches", b -> b.get("data").size() == 1);
        assertThat(created).as("the creator still waits for its answer").isNotDone();
        assertThat(listed.get("data").get(0).get("input_file_id").asString()).isEqualTo(file);
        assertThat(created.get().get("id").asString())
                .isEqualTo(listed.get("data").get(0).get("id").asString());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void aFullySuccessfulBatchStillHasAnEmptyErrorFile() throws Exception {
        start(BatchConfig.DEFAULTS.withProcessingSeconds(0));
        JsonNode created = createBatch(processedFile(line("only", "d", "Hi there.", 5)));
        JsonNode done = pollBatch(created.get("id").asString(), "completed", new ArrayList<>());
        assertThat(call("GET", "/openai/files/" + done.get("error_file_id").asString() + "/content")
                        .body())
                .isEmpty();
    }

    @Test
    void invalidInputFailsValidationWithEveryProblemAndItsLine() throws Exception {
        start(BatchConfig.DEFAULTS);
        String jsonl = line("a", "dep", "x", 5) + "\n" + "{not json\n" + line("a", "dep", "y", 5) + "\n"
                + line("b", "other-dep", "z", 5) + "\n"
                + line("c", "dep", "w", 5).replace("/chat/completions", "/embeddings") + "\n";
        JsonNode created = createBatch(processedFile(jsonl));
        JsonNode failed = pollBatch(created.get("id").asString(), "failed", new ArrayList<>());
        assertThat(failed.get("failed_at").isNull()).isFalse();
        assertThat(failed.get("output_file_id").isNull()).isTrue();
        List<String> codes = new ArrayList<>();
        failed.get("errors")
                .get("data")
                .forEach(e ->
                        codes.add(e.get("code").asString() + "@" + e.get("line").asInt()));
        assertThat(codes)
                .containsExactly("invalid_json_line@2", "duplicate_custom_id@3", "model_mismatch@4", "url_mismatch@5");

        JsonNode empty = createBatch(processedFile("\n"));
        JsonNode emptyFailed = pollBatch(empty.get("id").asString(), "failed", new ArrayList<>());
        assertThat(emptyFailed.get("errors").get("data").get(0).get("code").asString())
                .isEqualTo("empty_file");
    }

    @Test
    void tooManyRequestsInOneFileFailValidation() throws Exception {
        start(BatchConfig.DEFAULTS.withMaxRequestsPerFile(2));
        String jsonl = line("a", "d", "x", 5) + "\n" + line("b", "d", "x", 5) + "\n" + line("c", "d", "x", 5);
        JsonNode failed =
                pollBatch(createBatch(processedFile(jsonl)).get("id").asString(), "failed", new ArrayList<>());
        assertThat(failed.get("errors").get("data").get(0).get("code").asString())
                .isEqualTo("too_many_tasks");
    }

    @Test
    void createBeyondTheEnqueuedTokenQuotaIsRefusedUntilEarlierBatchesFinish() throws Exception {
        start(BatchConfig.DEFAULTS.withProcessingSeconds(1).withEnqueuedTokenLimit(100));
        // "Please summarize this sentence for me." = 6 words + 1 + message/primer overhead ≈ 14 tokens per line
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            jsonl.append(line("l" + i, "d", "Please summarize this sentence for me.", 5))
                    .append('\n');
        }
        String first = processedFile(jsonl.toString());
        String second = processedFile(jsonl.toString());
        JsonNode running = createBatch(first);

        HttpResponse<String> refused = post(
                "/openai/batches",
                GA,
                Map.of("input_file_id", second, "endpoint", "/chat/completions", "completion_window", "24h"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertValid(SpecSchemas.azureBatch(GA, "ErrorResponse"), refused.body());
        assertThat(SimClient.json(refused).get("error").get("code").asString()).isEqualTo("token_limit_exceeded");

        pollBatch(running.get("id").asString(), "completed", new ArrayList<>());
        assertThat(createBatch(second).get("status").asString()).isEqualTo("validating");
    }

    @Test
    void cancelKeepsFinishedLinesAndReportsTheRestAsCancelled() throws Exception {
        start(BatchConfig.DEFAULTS.withProcessingSeconds(2));
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            jsonl.append(line("c" + i, "d", "Say something about " + i + ".", 20))
                    .append('\n');
        }
        JsonNode created = createBatch(processedFile(jsonl.toString()));
        String id = created.get("id").asString();
        pollBatch(id, "in_progress", new ArrayList<>());
        Thread.sleep(1000);
        HttpResponse<String> cancel = call("POST", "/openai/batches/" + id + "/cancel");
        assertThat(cancel.statusCode()).isEqualTo(200);
        assertValid(SpecSchemas.azureBatch(GA, "Batch"), cancel.body());
        assertThat(SimClient.json(cancel).get("status").asString()).isEqualTo("cancelling");
        assertThat(SimClient.json(cancel).get("cancelling_at").isNull()).isFalse();

        JsonNode cancelled = pollBatch(id, "cancelled", new ArrayList<>());
        int completed = cancelled.get("request_counts").get("completed").asInt();
        int failed = cancelled.get("request_counts").get("failed").asInt();
        assertThat(completed + failed).isEqualTo(20);
        assertThat(completed).isBetween(1, 19);
        assertThat(lines(cancelled.get("output_file_id").asString())).hasSize(completed);
        List<JsonNode> errors = lines(cancelled.get("error_file_id").asString());
        assertThat(errors).hasSize(failed).allSatisfy(e -> {
            assertValid(SpecSchemas.batchLine("errorLine"), e.toString());
            assertThat(e.get("error").get("code").asString()).isEqualTo("batch_cancelled");
        });

        HttpResponse<String> again = call("POST", "/openai/batches/" + id + "/cancel");
        assertThat(again.statusCode()).isEqualTo(409);
        assertValid(SpecSchemas.azureBatch(GA, "ErrorResponse"), again.body());
    }

    @Test
    void aBatchPastItsConfiguredExpiryEndsExpiredKeepingFinishedLines() throws Exception {
        start(BatchConfig.DEFAULTS.withProcessingSeconds(2).withExpireAfterSeconds(1.2));
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            jsonl.append(line("e" + i, "d", "Tell me about " + i + ".", 20)).append('\n');
        }
        JsonNode expired = pollBatch(
                createBatch(processedFile(jsonl.toString())).get("id").asString(), "expired", new ArrayList<>());
        assertThat(expired.get("expired_at").isNull()).isFalse();
        int completed = expired.get("request_counts").get("completed").asInt();
        assertThat(completed).isBetween(1, 9);
        Set<String> all = new HashSet<>();
        lines(expired.get("output_file_id").asString())
                .forEach(l -> all.add(l.get("custom_id").asString()));
        lines(expired.get("error_file_id").asString()).forEach(l -> {
            assertThat(l.get("error").get("code").asString()).isEqualTo("batch_expired");
            all.add(l.get("custom_id").asString());
        });
        assertThat(all).hasSize(10);
    }

    @Test
    void theAdminEndpointExpiresARunningBatchAtOnce() throws Exception {
        start(BatchConfig.DEFAULTS.withProcessingSeconds(30));
        String id =
                createBatch(processedFile(line("x", "d", "Hi.", 5))).get("id").asString();
        pollBatch(id, "in_progress", new ArrayList<>());
        assertThat(client.postJson("/_sim/batches/" + id + "/expire", Map.of()).statusCode())
                .isEqualTo(200);
        JsonNode expired = SimClient.json(call("GET", "/openai/batches/" + id));
        assertThat(expired.get("status").asString()).isEqualTo("expired");
        assertThat(client.postJson("/_sim/batches/nope/expire", Map.of()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void listingPagesNewestFirstAndPreviewCreateAnswers201WithQuotaHeaders() throws Exception {
        start(BatchConfig.DEFAULTS.withEnqueuedTokenLimit(1_000_000));
        String fileId = processedFile(line("p", "d", "Hello there.", 5));
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(createBatch(fileId).get("id").asString());
        }
        HttpResponse<String> preview = post(
                "/openai/batches",
                PREVIEW,
                Map.of("input_file_id", fileId, "endpoint", "/chat/completions", "completion_window", "24h"));
        assertThat(preview.statusCode()).isEqualTo(201);
        assertValid(SpecSchemas.azureBatch(PREVIEW, "Batch"), preview.body());
        assertThat(preview.headers().firstValue("deployment-maximum-enqueued-tokens"))
                .hasValue("1000000");
        assertThat(Long.parseLong(preview.headers()
                        .firstValue("deployment-enqueued-tokens")
                        .orElseThrow()))
                .isPositive();
        created.add(SimClient.json(preview).get("id").asString());

        JsonNode first = SimClient.json(call("GET", "/openai/batches?limit=3"));
        assertThat(first.get("data")).hasSize(3);
        assertThat(first.get("has_more").asBoolean()).isTrue();
        assertThat(first.get("first_id").asString()).isEqualTo(created.get(3));
        JsonNode second = SimClient.json(client.send(client.request("/openai/batches?api-version=" + GA
                        + "&limit=3&after=" + first.get("last_id").asString())
                .header("api-key", "k")
                .build()));
        assertThat(second.get("data")).hasSize(1);
        assertThat(second.get("has_more").asBoolean()).isFalse();
        assertThat(second.get("data").get(0).get("id").asString()).isEqualTo(created.get(0));
    }

    @Test
    void wrongApiVersionMissingKeyUnknownIdsAndBadCreatesAnswerTheSpecsErrorResponse() throws Exception {
        start(BatchConfig.DEFAULTS);
        HttpResponse<String> version = client.send(client.request("/openai/batches?api-version=2023-01-01")
                .header("api-key", "k")
                .build());
        assertThat(version.statusCode()).isEqualTo(404);
        assertValid(SpecSchemas.azureBatch(GA, "ErrorResponse"), version.body());
        HttpResponse<String> noKey = client.get(q("/openai/batches", GA));
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertValid(SpecSchemas.azureBatch(GA, "ErrorResponse"), noKey.body());
        HttpResponse<String> unknown = call("GET", "/openai/batches/batch_nope");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertValid(SpecSchemas.azureBatch(GA, "ErrorResponse"), unknown.body());

        String fileId = processedFile(line("a", "d", "x", 5));
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("input_file_id", fileId, "endpoint", "/chat/completions", "completion_window", "48h"),
                Map.of("input_file_id", fileId, "endpoint", "/embeddings", "completion_window", "24h"),
                Map.of("endpoint", "/chat/completions", "completion_window", "24h"))) {
            HttpResponse<String> r = post("/openai/batches", GA, bad);
            assertThat(r.statusCode()).as(bad.toString()).isEqualTo(400);
            assertValid(SpecSchemas.azureBatch(GA, "ErrorResponse"), r.body());
        }
        HttpResponse<String> missingFile = post(
                "/openai/batches",
                GA,
                Map.of("input_file_id", "file-nope", "endpoint", "/chat/completions", "completion_window", "24h"));
        assertThat(missingFile.statusCode()).isEqualTo(404);
    }

    @Test
    void thePatchedSchemasStillRejectWhatTheServiceNeverSends() {
        assertInvalid(
                SpecSchemas.azureBatch(GA, "Batch"), "{\"id\":\"b\",\"input_file_id\":\"f\",\"status\":\"done\"}");
        assertInvalid(SpecSchemas.azureBatch(GA, "Batch"), "{\"id\":\"b\"}");
        assertInvalid(SpecSchemas.azureBatch(GA, "File"), "{\"filename\":\"x\",\"purpose\":\"batch\",\"bytes\":\"1\"}");
        assertInvalid(SpecSchemas.azureBatch(GA, "ErrorResponse"), "{\"error\":{\"code\":\"x\"}}");
        assertInvalid(SpecSchemas.batchLine("outputLine"), "{\"custom_id\":\"a\"}");
    }
}
