package io.aibatch.jobs.openaibatch;

import io.aibatch.engine.Engine;
import io.aibatch.engine.Locality;
import io.aibatch.engine.LocalityGuard;
import io.aibatch.engine.Sensitivity;
import io.aibatch.engine.http.HttpFailures;
import io.aibatch.engine.http.JsonPoster;
import io.aibatch.json.Json;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI-compatible server (vLLM in a KAITO workspace, or any server of the same API) taking request bodies as they
 * are: the job passes each line's body through, so whatever the line asks for (tools, response_format, logprobs,
 * embeddings' dimensions) reaches the server. A non-2xx reply is a {@link io.aibatch.engine.BackendException}
 * classified by the failure policy (400 permanent, 429 throttled, 5xx transient, 401/403/404 fatal), so the backend
 * executor retries, throttles and breaks around it as for every engine. Requests go through a {@link JsonPoster}
 * (pooled connections on Netty's event loops): a job of a million small requests is bound by the client's CPU per
 * request as much as by the server.
 */
final class OpenAiEndpoint implements Engine, AutoCloseable {

    private final String name;
    private final URI base;
    private final Locality locality;
    private final JsonPoster http;

    /**
     * @param endpoint       the server's base URL; the line's url ({@code /v1/...}) is appended (a trailing
     *                       {@code /v1} of the base is dropped first)
     * @param apiKey         sent as a bearer token when not blank; never logged
     * @param maxConnections at least the backend's most calls in flight
     */
    OpenAiEndpoint(
            String name, String endpoint, Locality locality, String apiKey, Duration timeout, int maxConnections) {
        this.name = name;
        String trimmed = endpoint.replaceAll("/+$", "");
        this.base = URI.create(trimmed.endsWith("/v1") ? trimmed.substring(0, trimmed.length() - 3) : trimmed);
        this.locality = locality;
        this.http = new JsonPoster(
                name,
                base,
                apiKey == null || apiKey.isBlank() ? Map.of() : Map.of("Authorization", "Bearer " + apiKey),
                timeout,
                maxConnections);
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
        return http.post(url, body).handle((reply, error) -> {
            if (error != null) {
                throw HttpFailures.fromException(name, error);
            }
            if (reply.status() / 100 != 2) {
                throw HttpFailures.fromResponse(
                        name, "POST", base.resolve(url), reply.status(), reply::header, reply.body());
            }
            return new Reply(reply.status(), reply.header("x-request-id"), object(reply.body()));
        });
    }

    /** Closes the endpoint's connections. */
    @Override
    public void close() {
        http.close();
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
