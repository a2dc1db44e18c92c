package io.aibatch.engine.llm.batch;

import com.azure.ai.openai.OpenAIClient;
import com.azure.ai.openai.models.Batch;
import com.azure.ai.openai.models.BatchCreateRequest;
import com.azure.ai.openai.models.BatchErrorDatum;
import com.azure.ai.openai.models.FileDetails;
import com.azure.ai.openai.models.FilePurpose;
import com.azure.ai.openai.models.FileState;
import com.azure.ai.openai.models.OpenAIFile;
import com.azure.ai.openai.models.PageableList;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.util.BinaryData;
import io.aibatch.engine.BackendException;
import io.aibatch.engine.Engine;
import io.aibatch.engine.Locality;
import io.aibatch.engine.LocalityGuard;
import io.aibatch.engine.llm.AzureOpenAiClients;
import io.aibatch.engine.llm.ChatPrompt;
import io.aibatch.engine.llm.ChatReply;
import io.aibatch.resilience.FailurePolicy;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Azure OpenAI Batch API in steps, each one a single call (or a wait) so that a pipeline can record what it did
 * after each and resume after a restart: {@link #writeInputFiles}, {@link #upload}, {@link #awaitProcessed},
 * {@link #create} (with exponential back-off on {@code token_limit_exceeded}), {@link #status} /
 * {@link #awaitTerminal} (no faster than the configured poll interval), {@link #results} (lines mapped back by
 * custom_id), {@link #deleteFile}, {@link #cancel} and {@link #findByInputFile} (re-attach after a restart).
 * <p>
 * A CLOUD engine: every request line passes the {@link LocalityGuard} before it is written, so restricted content
 * never reaches a batch file. Built on azure-ai-openai's Files and Batches calls, with the key from the same place as
 * the chat engine ({@link AzureOpenAiClients}); the key is never logged.
 */
public final class AzureOpenAiBatchClient implements Engine {

    private static final Logger log = LoggerFactory.getLogger(AzureOpenAiBatchClient.class);
    public static final String ENDPOINT = "/chat/completions";
    public static final String COMPLETION_WINDOW = "24h";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OpenAIClient client;
    private final String deployment;
    private final String name;
    private final BatchSettings settings;
    private final Retry quotaRetry;
    private final Sleeper sleeper;

    /** How the client waits between polls; tests may count instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    AzureOpenAiBatchClient(OpenAIClient client, String deployment, BatchSettings settings, Sleeper sleeper) {
        this.client = client;
        this.deployment = deployment;
        this.name = "azure-openai-batch/" + deployment;
        this.settings = settings;
        this.sleeper = sleeper;
        this.quotaRetry = Retry.of(
                name + "/create",
                RetryConfig.custom()
                        .maxAttempts(settings.quotaAttempts())
                        .intervalFunction(IntervalFunction.ofExponentialBackoff(settings.quotaBackoff(), 2.0))
                        .retryOnException(AzureOpenAiBatchClient::tokenLimitExceeded)
                        .build());
        quotaRetry
                .getEventPublisher()
                .onRetry(e -> log.info(
                        "{}: enqueued-token quota reached, creating the batch again in {} (attempt {} of {})",
                        name,
                        e.getWaitInterval(),
                        e.getNumberOfRetryAttempts() + 1,
                        settings.quotaAttempts()));
    }

    /**
     * @param endpoint   e.g. {@code https://my-resource.openai.azure.com}
     * @param deployment the Global-Batch or Data-Zone-Batch deployment: every line's {@code model}
     * @param apiKey     a key, or blank to use DefaultAzureCredential
     * @param apiVersion e.g. {@code 2024-10-21}
     */
    public static AzureOpenAiBatchClient connect(
            String endpoint,
            String deployment,
            String apiKey,
            String apiVersion,
            Duration timeout,
            BatchSettings settings) {
        if (deployment == null || deployment.isBlank()) {
            throw new IllegalArgumentException("an Azure OpenAI batch needs a deployment name");
        }
        OpenAIClient client = AzureOpenAiClients.builder(endpoint, apiKey, apiVersion, timeout)
                .buildClient();
        return new AzureOpenAiBatchClient(client, deployment, settings, d -> Thread.sleep(d.toMillis()));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Locality locality() {
        return Locality.CLOUD;
    }

    public BatchSettings settings() {
        return settings;
    }

    /** One request, keyed by the custom_id its result will carry (the item id). */
    public record Request(String customId, ChatPrompt prompt) {}

    /**
     * One input line: {@code {custom_id, method: POST, url: /chat/completions, body}} with {@code body.model} the
     * deployment; the same chat request the real-time engine sends.
     *
     * @throws io.aibatch.engine.RestrictedContentException when the prompt is not known to be unrestricted
     */
    public byte[] requestLine(String customId, ChatPrompt prompt) {
        LocalityGuard.check(this, prompt.itemSource(), prompt.sensitivity());
        ObjectNode line = JSON.createObjectNode();
        line.put("custom_id", customId);
        line.put("method", "POST");
        line.put("url", ENDPOINT);
        ObjectNode body = line.putObject("body");
        body.put("model", deployment);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", prompt.system());
        messages.addObject().put("role", "user").put("content", prompt.user());
        body.put("max_tokens", prompt.maxTokens());
        body.put("temperature", 0.0);
        if (prompt.responseSchema() != null) {
            ObjectNode format = body.putObject("response_format");
            format.put("type", "json_schema");
            ObjectNode schema = format.putObject("json_schema");
            schema.put("name", prompt.responseSchema().name());
            schema.set("schema", JSON.valueToTree(prompt.responseSchema().schema()));
            schema.put("strict", true);
        }
        return JSON.writeValueAsBytes(line);
    }

    /** Writes the requests as {@code <prefix>-<n>.jsonl} files in {@code dir}, split at the configured limits. */
    public List<BatchInputFile> writeInputFiles(Iterable<Request> requests, Path dir, String prefix) {
        try (BatchFileWriter writer =
                new BatchFileWriter(dir, prefix, settings.maxRequestsPerFile(), settings.maxFileBytes())) {
            for (Request r : requests) {
                writer.add(r.customId(), requestLine(r.customId(), r.prompt()));
            }
            return writer.finish();
        }
    }

    /**
     * {@code POST /files} with purpose batch; returns the file id. The file is streamed through a 64 KiB buffer: the
     * SDK reads a {@code BinaryData.fromFile} body in pieces so small that 1.8 MB took 19 s against the simulator (a
     * buffered stream: 0.2 s).
     */
    public String upload(BatchInputFile file) {
        String filename = file.path().getFileName().toString();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file.path()), 64 * 1024)) {
            OpenAIFile uploaded = call(
                    "upload " + filename,
                    () -> client.uploadFile(
                            new FileDetails(BinaryData.fromStream(in, file.bytes()), filename), FilePurpose.BATCH));
            return uploaded.getId();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the batch input file " + file.path(), e);
        }
    }

    /** Polls the file until it is processed; fails when processing failed or took longer than configured. */
    public void awaitProcessed(String fileId) throws InterruptedException {
        long deadline = System.nanoTime() + settings.fileProcessedTimeout().toNanos();
        while (true) {
            OpenAIFile f = call("read file " + fileId, () -> client.getFile(fileId));
            FileState state = f.getStatus();
            if (FileState.PROCESSED.equals(state)) {
                return;
            }
            if (FileState.ERROR.equals(state) || FileState.DELETED.equals(state)) {
                throw BackendException.permanent(
                        name, 0, "batch input file " + fileId + " is " + state + ": " + f.getStatusDetails());
            }
            if (System.nanoTime() > deadline) {
                throw BackendException.transientFailure(
                        name,
                        0,
                        "batch input file " + fileId + " still " + state + " after " + settings.fileProcessedTimeout(),
                        null);
            }
            sleeper.sleep(settings.filePollInterval());
        }
    }

    /**
     * {@code POST /batches} for an uploaded, processed file. A {@code token_limit_exceeded} refusal (the deployment's
     * enqueued-token quota) is retried with exponential delay, from the configured first wait, doubling.
     */
    public BatchStatus create(String inputFileId, Map<String, String> metadata) {
        BatchCreateRequest request =
                new BatchCreateRequest(ENDPOINT, inputFileId, COMPLETION_WINDOW).setMetadata(metadata);
        Supplier<Batch> attempt = () -> call("create batch for " + inputFileId, () -> client.createBatch(request));
        return status(Retry.decorateSupplier(quotaRetry, attempt).get());
    }

    public BatchStatus status(String batchId) {
        return status(call("read batch " + batchId, () -> client.getBatch(batchId)));
    }

    /**
     * Reads the batch every poll interval until it is terminal or {@code maxWait} has passed; returns the last status
     * read (terminal or not: the caller decides whether to stop and resume later).
     */
    public BatchStatus awaitTerminal(String batchId, Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            BatchStatus s = status(batchId);
            if (s.state().terminal()
                    || System.nanoTime() + settings.pollInterval().toNanos() > deadline) {
                return s;
            }
            sleeper.sleep(settings.pollInterval());
        }
    }

    /**
     * Downloads the output and error files of a terminal batch and maps every line by custom_id (lines arrive in no
     * particular order). A custom_id in neither file is absent from the map: its request is unaccounted for.
     */
    public Map<String, BatchLineResult> results(BatchStatus batch) {
        Map<String, BatchLineResult> out = new LinkedHashMap<>();
        for (String fileId : new String[] {batch.outputFileId(), batch.errorFileId()}) {
            if (fileId == null || fileId.isBlank()) {
                continue;
            }
            byte[] content = call("download " + fileId, () -> client.getFileContent(fileId));
            for (String raw : new String(content, StandardCharsets.UTF_8).split("\r?\n")) {
                if (!raw.isBlank()) {
                    BatchLineResult r = parseLine(raw);
                    out.put(r.customId(), r);
                }
            }
        }
        return out;
    }

    /** Deletes a file (the resource holds at most 500 batch files); an already deleted file is fine. */
    public void deleteFile(String fileId) {
        try {
            client.deleteFile(fileId);
        } catch (HttpResponseException e) {
            if (e.getResponse() == null || e.getResponse().getStatusCode() != 404) {
                throw classify("delete file " + fileId, e);
            }
        }
    }

    /** Asks the service to cancel; the batch goes through cancelling to cancelled, keeping finished lines. */
    public BatchStatus cancel(String batchId) {
        return status(call("cancel batch " + batchId, () -> client.cancelBatch(batchId)));
    }

    /**
     * The batch created from {@code inputFileId}, if any (newest first): how a restarted run finds a batch it created
     * but could not record, instead of creating (and paying for) a second one.
     */
    public Optional<BatchStatus> findByInputFile(String inputFileId) {
        String after = null;
        while (true) {
            String cursor = after;
            PageableList<Batch> page = call("list batches", () -> client.listBatches(cursor, 100));
            for (Batch b : page.getData()) {
                if (inputFileId.equals(b.getInputFileId())) {
                    return Optional.of(status(b));
                }
            }
            if (!page.isHasMore() || page.getData().isEmpty()) {
                return Optional.empty();
            }
            after = page.getLastId() != null
                    ? page.getLastId()
                    : page.getData().get(page.getData().size() - 1).getId();
        }
    }

    static BatchLineResult parseLine(String raw) {
        JsonNode line = JSON.readTree(raw);
        String customId = line.path("custom_id").asString("");
        JsonNode response = line.path("response");
        int statusCode = response.path("status_code").asInt(0);
        JsonNode body = response.path("body");
        if (statusCode == 200 && body.isObject()) {
            JsonNode choice = body.path("choices").path(0);
            JsonNode content = choice.path("message").path("content");
            if (content.isString()) {
                JsonNode usage = body.path("usage");
                return new BatchLineResult(
                        customId,
                        statusCode,
                        new ChatReply(
                                content.asString(),
                                usage.path("prompt_tokens").asLong(0),
                                usage.path("completion_tokens").asLong(0),
                                Duration.ZERO,
                                choice.path("finish_reason").asString("")),
                        null,
                        null);
            }
            return new BatchLineResult(customId, statusCode, null, "malformed", "the reply has no message content");
        }
        JsonNode error = body.path("error").isObject() ? body.path("error") : line.path("error");
        return new BatchLineResult(
                customId,
                statusCode,
                null,
                error.path("code").isString() ? error.path("code").asString() : "unknown",
                error.path("message").asString(""));
    }

    private static BatchStatus status(Batch b) {
        List<String> errors = new ArrayList<>();
        if (b.getErrors() != null && b.getErrors().getData() != null) {
            for (BatchErrorDatum d : b.getErrors().getData()) {
                errors.add(d.getCode() + ": " + d.getMessage()
                        + (d.getLine() == null ? "" : " (line " + d.getLine() + ")"));
            }
        }
        var counts = b.getRequestCounts();
        return new BatchStatus(
                b.getId(),
                b.getStatus() == null
                        ? BatchState.UNKNOWN
                        : BatchState.parse(b.getStatus().toString()),
                b.getInputFileId(),
                blankToNull(b.getOutputFileId()),
                blankToNull(b.getErrorFileId()),
                counts == null || counts.getTotal() == null ? 0 : counts.getTotal(),
                counts == null || counts.getCompleted() == null ? 0 : counts.getCompleted(),
                counts == null || counts.getFailed() == null ? 0 : counts.getFailed(),
                List.copyOf(errors));
    }

    /** A fail-fast docs example sends "" for a file id that does not exist. */
    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (HttpResponseException e) {
            throw classify(what, e);
        }
    }

    private BackendException classify(String what, HttpResponseException e) {
        int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
        return FailurePolicy.fromStatus(
                name, status, null, true, what + ": HTTP " + status + ": " + firstLine(e.getMessage()));
    }

    /** The quota refusal of fail-fast regions: 400 whose error code (or message) names token_limit_exceeded. */
    static boolean tokenLimitExceeded(Throwable t) {
        return t instanceof BackendException b
                && b.status() == 400
                && String.valueOf(b.getMessage()).toLowerCase(Locale.ROOT).contains("token_limit_exceeded");
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "(no message)";
        }
        String line = message.strip().replaceAll("\\s+", " ");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
