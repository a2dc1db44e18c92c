package io.aibatch.engine.ocr;

import io.aibatch.engine.http.HttpFailures;
import io.aibatch.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Follows the Azure long-running-operation pattern shared by Read and Document Intelligence: GET the
 * Operation-Location until {@code status} is final. Waiting never blocks a thread (delayed executor),
 * a throttled poll waits as long as Retry-After says, and the overall time is bounded by the caller's
 * timeout on the returned future.
 */
final class AsyncOperationPoller {

    private final String backend;
    private final URI endpoint;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Duration pollInterval;
    private final Consumer<HttpRequest.Builder> authentication;

    /** @param endpoint the configured endpoint: the only origin an Operation-Location may point at (the key goes with every poll) */
    AsyncOperationPoller(
            String backend,
            URI endpoint,
            HttpClient http,
            Duration requestTimeout,
            Duration pollInterval,
            Consumer<HttpRequest.Builder> authentication) {
        this.backend = backend;
        this.endpoint = endpoint;
        this.http = http;
        this.requestTimeout = requestTimeout;
        this.pollInterval = pollInterval;
        this.authentication = authentication;
    }

    /** A 202 Accepted with an Operation-Location header, followed to the final body; any other answer fails classified. */
    CompletableFuture<JsonNode> followAccepted(HttpResponse<byte[]> response) {
        if (response.statusCode() != 202) {
            return CompletableFuture.failedFuture(HttpFailures.fromResponse(backend, response));
        }
        return response.headers()
                .firstValue("Operation-Location")
                .map(this::followIfSameOrigin)
                .orElseGet(() -> CompletableFuture.failedFuture(
                        HttpFailures.malformed(backend, "202 without an Operation-Location header", null)));
    }

    /**
     * Polls carry the key, so they go only to the configured endpoint's scheme, host and port: an Operation-Location
     * elsewhere (a compromised or misconfigured service, a proxy rewriting headers) fails the item and is never called.
     */
    private CompletableFuture<JsonNode> followIfSameOrigin(String location) {
        URI operation;
        try {
            operation = endpoint.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(
                    HttpFailures.malformed(backend, "the Operation-Location header is not a URL", null));
        }
        if (!sameOrigin(operation, endpoint)) {
            return CompletableFuture.failedFuture(io.aibatch.engine.BackendException.permanent(
                    backend,
                    202,
                    "the Operation-Location points at " + io.aibatch.engine.BackendEndpoints.origin(operation)
                            + ", not at the configured " + io.aibatch.engine.BackendEndpoints.origin(endpoint)
                            + "; not followed, so the key is not sent there"));
        }
        return poll(operation);
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null
                && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : -1;
    }

    /** Completes with the final body once {@code status} is {@code succeeded}; fails for {@code failed}. */
    CompletableFuture<JsonNode> poll(URI operation) {
        return pollAfter(operation, pollInterval);
    }

    private CompletableFuture<JsonNode> pollAfter(URI operation, Duration delay) {
        // the delayed step only starts the next request (sendAsync), so it runs on the JDK's delay thread itself:
        // nothing here may depend on the common ForkJoinPool, which has a single thread on a 2-core machine
        Executor later = CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, Runnable::run);
        return CompletableFuture.supplyAsync(() -> operation, later)
                .thenCompose(uri -> {
                    HttpRequest.Builder request =
                            HttpRequest.newBuilder(uri).timeout(requestTimeout).GET();
                    authentication.accept(request);
                    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                })
                .exceptionally(error -> {
                    throw HttpFailures.fromException(backend, error);
                })
                .thenCompose(response -> next(operation, response));
    }

    private CompletableFuture<JsonNode> next(URI operation, HttpResponse<byte[]> response) {
        if (response.statusCode() == 429) {
            Duration wait = HttpFailures.retryAfter(response.headers()).orElse(pollInterval.multipliedBy(4));
            return pollAfter(operation, wait);
        }
        if (response.statusCode() != 200) {
            return CompletableFuture.failedFuture(HttpFailures.fromResponse(backend, response));
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(response.body());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(HttpFailures.malformed(backend, "operation status is not JSON", e));
        }
        String status = body.path("status").asString("");
        return switch (status.toLowerCase(java.util.Locale.ROOT)) {
            case "succeeded" -> CompletableFuture.completedFuture(body);
            case "notstarted", "running" -> pollAfter(operation, pollInterval);
            case "failed" ->
                CompletableFuture.failedFuture(io.aibatch.engine.BackendException.transientFailure(
                        backend,
                        200,
                        "the operation failed: " + body.path("error").toString(),
                        null));
            default ->
                CompletableFuture.failedFuture(
                        HttpFailures.malformed(backend, "unknown operation status '" + status + "'", null));
        };
    }
}
