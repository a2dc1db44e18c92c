package io.aibatch.engine.ocr;

import io.aibatch.engine.Locality;
import io.aibatch.engine.http.ByteBodies;
import io.aibatch.engine.http.HttpFailures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

/** Document Intelligence 2023-07-31 ({@code prebuilt-read} or {@code prebuilt-layout}): analyze + poll analyzeResults. */
public final class DocumentIntelligenceOcrClient implements RemoteOcrEngine {

    public static final String API_VERSION = "2023-07-31";

    private final RemoteOcrSettings settings;
    private final String model;
    private final HttpClient http;
    private final AsyncOperationPoller poller;
    private final String name;

    public DocumentIntelligenceOcrClient(RemoteOcrSettings settings, String model, HttpClient http) {
        this.settings = settings;
        this.model = model;
        this.http = http;
        this.name = "document-intelligence/" + model;
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
        URI uri = URI.create(settings.endpoint() + "/formrecognizer/documentModels/" + model + ":analyze?api-version="
                + API_VERSION);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Content-Type", mediaType == null ? "application/octet-stream" : mediaType)
                .POST(ByteBodies.of(content));
        authenticate(request);
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .exceptionally(error -> {
                    throw HttpFailures.fromException(name, error);
                })
                .thenCompose(poller::followAccepted)
                .thenApply(this::toDocument);
    }

    private OcrDocument toDocument(JsonNode operation) {
        JsonNode pagesNode = operation.path("analyzeResult").path("pages");
        if (!pagesNode.isArray()) {
            throw HttpFailures.malformed(name, "analyzeResult.pages is missing", null);
        }
        List<String> pages = new ArrayList<>();
        for (JsonNode page : pagesNode) {
            List<String> lines = new ArrayList<>();
            for (JsonNode line : page.path("lines")) {
                lines.add(line.path("content").asString(""));
            }
            pages.add(String.join("\n", lines));
        }
        // the API version pins the prebuilt model's version: record it, so results say which model read them
        String apiVersion = operation.path("analyzeResult").path("apiVersion").asString("");
        return new OcrDocument(pages, apiVersion.isEmpty() ? name : name + "/" + apiVersion);
    }

    private void authenticate(HttpRequest.Builder request) {
        if (settings.apiKey() != null) {
            request.header("Ocp-Apim-Subscription-Key", settings.apiKey());
        }
    }
}
