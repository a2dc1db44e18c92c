package io.aibatch.jobs.openaibatch;

import io.aibatch.engine.Engine;
import io.aibatch.engine.Locality;
import io.aibatch.engine.LocalityGuard;
import io.aibatch.engine.Sensitivity;
import io.aibatch.engine.http.HttpFailures;
import io.aibatch.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI-compatible server (vLLM in a KAITO workspace, or any server of the same API) taking request bodies as they
 * are: the job passes each line's body through, so whatever the line asks for (tools, response_format, logprobs,
 * embeddings' dimensions) reaches the server. A non-2xx reply is a {@link io.aibatch.engine.BackendException}
 * classified by the failure policy (400 permanent, 429 throttled, 5xx transient, 401/403/404 fatal), so the backend
 * executor retries, throttles and breaks around it as for every engine.
 */
final class OpenAiEndpoint implements Engine {

    private final String name;
    private final URI base;
    private final Locality locality;
    private final String apiKey;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param endpoint the server's base URL; the line's url ({@code /v1/...}) is appended (a trailing {@code /v1} of
     *                 the base is dropped first)
     * @param apiKey   sent as a bearer token when not blank; never logged
     */
    OpenAiEndpoint(String name, String endpoint, Locality locality, String apiKey, Duration timeout) {
        this.name = name;
        String trimmed = endpoint.replaceAll("/+$", "");
        this.base = URI.create(trimmed.endsWith("/v1") ? trimmed.substring(0, trimmed.length() - 3) : trimmed);
        this.locality = locality;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                // replies are parsed on these threads: a few, not one per request in flight (the default pool grows)
                .executor(java.util.concurrent.Executors.newFixedThreadPool(
                        Math.max(2, Runtime.getRuntime().availableProcessors()), daemon()))
                .build();
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return runnable -> {
            Thread thread = new Thread(runnable, "openai-endpoint");
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Locality locality() {
        return locality;
    }

    /** A 2xx reply: its status, the server's request id (or null) and its JSON body. */
    record Reply(int status, String requestId, ObjectNode body) {}

    /**
     * POSTs {@code body}, a JSON object's bytes, to {@code url}.
     *
     * @param itemSource  for the locality guard's message
     * @param sensitivity what the restriction check found: a CLOUD endpoint takes only unrestricted content
     */
    CompletableFuture<Reply> post(String url, byte[] body, String itemSource, Sensitivity sensitivity) {
        LocalityGuard.check(this, itemSource, sensitivity);
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(url))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, error) -> {
                    if (error != null) {
                        throw HttpFailures.fromException(name, error);
                    }
                    if (response.statusCode() / 100 != 2) {
                        throw HttpFailures.fromResponse(name, response);
                    }
                    return new Reply(
                            response.statusCode(),
                            response.headers().firstValue("x-request-id").orElse(null),
                            object(response.body()));
                });
    }

    private ObjectNode object(byte[] body) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw HttpFailures.malformed(name, "the body is not JSON", e);
        }
        if (!(json instanceof ObjectNode object)) {
            throw HttpFailures.malformed(name, "the body is not a JSON object", null);
        }
        return object;
    }
}
