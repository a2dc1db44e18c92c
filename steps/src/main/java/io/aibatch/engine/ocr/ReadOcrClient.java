package io.aibatch.engine.ocr;

import io.aibatch.engine.Locality;
import io.aibatch.engine.http.ByteBodies;
import io.aibatch.engine.http.HttpFailures;
import io.aibatch.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

/**
 * Azure AI Vision Read 3.2, as served by the Read OCR container (and the cloud API): asynchronous
 * {@code read/analyze} + polling of the Operation-Location, or {@code read/syncAnalyze}.
 */
public final class ReadOcrClient implements RemoteOcrEngine {

    private static final String API = "/vision/v3.2/read";

    private final RemoteOcrSettings settings;
    private final boolean synchronous;
    private final HttpClient http;
    private final AsyncOperationPoller poller;
    private final String name;

    public ReadOcrClient(RemoteOcrSettings settings, boolean synchronous, HttpClient http) {
        this.settings = settings;
        this.synchronous = synchronous;
        this.http = http;
        this.name = settings.locality() == Locality.CLOUD ? "read-cloud" : "read-container";
        this.poller = new AsyncOperationPoller(
                name,
                settings.endpoint(),
                http,
                settings.requestTimeout(),
                settings.pollInterval(),
                this::authenticate);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Locality locality() {
        return settings.locality();
    }

    @Override
    public CompletableFuture<OcrDocument> recognize(byte[] content, String mediaType) {
        String path = synchronous ? API + "/syncAnalyze" : API + "/analyze";
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(settings.endpoint() + path + "?readingOrder=natural"))
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/octet-stream")
                .POST(ByteBodies.of(content));
        authenticate(request);
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .exceptionally(error -> {
                    throw HttpFailures.fromException(name, error);
                })
                .thenCompose(response -> synchronous ? completed(response) : poller.followAccepted(response))
                .thenApply(this::toDocument);
    }

    private CompletableFuture<JsonNode> completed(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            return CompletableFuture.failedFuture(HttpFailures.fromResponse(name, response));
        }
        try {
            JsonNode body = Json.MAPPER.readTree(response.body());
            return CompletableFuture.completedFuture(body);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(HttpFailures.malformed(name, "syncAnalyze reply is not JSON", e));
        }
    }

    private OcrDocument toDocument(JsonNode operation) {
        JsonNode result = operation.path("analyzeResult");
        JsonNode readResults = result.path("readResults");
        if (!readResults.isArray()) {
            throw HttpFailures.malformed(name, "analyzeResult.readResults is missing", null);
        }
        List<String> pages = new ArrayList<>();
        for (JsonNode page : readResults) {
            JsonNode lines = page.path("lines");
            if (!lines.isArray()) {
                throw HttpFailures.malformed(name, "readResults[].lines is missing", null);
            }
            List<String> texts = new ArrayList<>();
            for (JsonNode line : lines) {
                texts.add(line.path("text").asString(""));
            }
            pages.add(String.join("\n", texts));
        }
        String model = result.path("modelVersion").asString("");
        return new OcrDocument(pages, model.isEmpty() ? name : name + "/" + model);
    }

    private void authenticate(HttpRequest.Builder request) {
        if (settings.apiKey() != null) {
            request.header("Ocp-Apim-Subscription-Key", settings.apiKey());
        }
    }
}
