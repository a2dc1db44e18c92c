package io.aibatch.bench;

import io.aibatch.engine.http.HttpFailures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One small chat completion against a simulated backend (vLLM or Azure OpenAI): the unit of work of the
 * saturation, adaptive and naive benchmarks. The same request for the raw loop and for aibatch.
 */
final class ChatBackendCall {

    private static final String BODY =
            "{\"model\":\"%s\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}";

    private final HttpClient http;
    private final URI uri;
    private final String body;
    private final String apiKey;

    private ChatBackendCall(HttpClient http, URI uri, String model, String apiKey) {
        this.http = http;
        this.uri = uri;
        this.body = BODY.formatted(model);
        this.apiKey = apiKey;
    }

    static ChatBackendCall vllm(HttpClient http, String baseUrl, String model) {
        return new ChatBackendCall(http, URI.create(baseUrl + "/v1/chat/completions"), model, null);
    }

    static ChatBackendCall azureOpenAi(HttpClient http, String baseUrl) {
        return new ChatBackendCall(
                http,
                URI.create(baseUrl + "/openai/deployments/bench/chat/completions?api-version=2024-10-21"),
                "gpt-4o-mini",
                "bench-key");
    }

    /** Completes with the status code, or fails with a classified BackendException (429 throttled, ...). */
    CompletableFuture<Integer> send() {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("api-key", apiKey);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .exceptionally(error -> {
                    throw HttpFailures.fromException("bench", error);
                })
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        throw HttpFailures.fromResponse("bench", response);
                    }
                    return response.statusCode();
                });
    }
}
