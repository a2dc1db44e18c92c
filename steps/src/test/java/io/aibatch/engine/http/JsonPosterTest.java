package io.aibatch.engine.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.aibatch.engine.BackendException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JsonPosterTest {

    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve(int status, Map<String, String> headers, String reply) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> respond(exchange, status, headers, reply));
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void respond(HttpExchange exchange, int status, Map<String, String> headers, String reply)
            throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                + exchange.getRequestHeaders().getFirst("Content-Length") + " "
                + exchange.getRequestHeaders().getFirst("Authorization") + " "
                + new String(body, StandardCharsets.UTF_8));
        headers.forEach(exchange.getResponseHeaders()::set);
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void postsTheBodyAsGivenWithItsLengthAndTheConfiguredHeaders() throws Exception {
        URI base = serve(200, Map.of("x-request-id", "req-1"), "{\"ok\":true}");
        String body = "{ \"model\" : \"m\", \"text\": \"naïve — ✓\" }";
        try (JsonPoster poster =
                new JsonPoster("test", base, Map.of("Authorization", "Bearer k"), Duration.ofSeconds(10), 4)) {
            JsonPoster.Reply reply = poster.post("/v1/chat/completions", body.getBytes(StandardCharsets.UTF_8))
                    .get(10, TimeUnit.SECONDS);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("x-request-id")).isEqualTo("req-1");
            assertThat(reply.header("no-such-header")).isNull();
            assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
        }
        assertThat(seen)
                .containsExactly("POST /v1/chat/completions application/json "
                        + body.getBytes(StandardCharsets.UTF_8).length + " Bearer k " + body);
    }

    @Test
    void anErrorReplyCompletesWithItsStatusAndIsClassifiedWithItsRetryAfter() throws Exception {
        URI base = serve(429, Map.of("Retry-After", "7"), "{\"error\":\"slow down\"}");
        try (JsonPoster poster = new JsonPoster("test", base, Map.of(), Duration.ofSeconds(10), 4)) {
            JsonPoster.Reply reply = poster.post("/v1/embeddings", "{}".getBytes(StandardCharsets.UTF_8))
                    .get(10, TimeUnit.SECONDS);

            assertThat(reply.status()).isEqualTo(429);
            BackendException failure = HttpFailures.fromResponse(
                    "kaito/x", "POST", base.resolve("/v1/embeddings"), 429, reply::header, reply.body());
            assertThat(failure.kind()).isEqualTo(BackendException.Kind.THROTTLED);
            assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
            assertThat(failure.getMessage())
                    .contains("HTTP 429 from POST http://127.0.0.1:", "/v1/embeddings", "slow down");
        }
    }

    @Test
    void anEmptyReplyBodyIsAnEmptyArray() throws Exception {
        URI base = serve(204, Map.of(), "");
        try (JsonPoster poster = new JsonPoster("test", base, Map.of(), Duration.ofSeconds(10), 4)) {
            JsonPoster.Reply reply =
                    poster.post("/x", "{}".getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
            assertThat(reply.status()).isEqualTo(204);
            assertThat(reply.body()).isEmpty();
        }
    }

    /** Requests in flight beyond the pool's connections wait for one instead of failing. */
    @Test
    void moreRequestsThanConnectionsWaitForOne() throws Exception {
        URI base = serve(200, Map.of(), "{}");
        try (JsonPoster poster = new JsonPoster("test", base, Map.of(), Duration.ofSeconds(10), 2)) {
            List<CompletableFuture<JsonPoster.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                replies.add(poster.post("/x", ("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
            }
            for (CompletableFuture<JsonPoster.Reply> reply : replies) {
                assertThat(reply.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
        }
        assertThat(seen).hasSize(50);
    }

    /**
     * A server that closes its connection after each reply costs no request: the pool does not hand out a closed
     * connection, and opens another one for the next request.
     */
    @Test
    void connectionsTheServerClosesAreReplacedWithoutLosingARequest() throws Exception {
        URI base = serve(200, Map.of("Connection", "close"), "{\"ok\":true}");
        try (JsonPoster poster = new JsonPoster("test", base, Map.of(), Duration.ofSeconds(10), 4)) {
            for (int i = 0; i < 30; i++) {
                JsonPoster.Reply reply = poster.post("/x", ("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8))
                        .get(10, TimeUnit.SECONDS);
                assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
            }
        }
        assertThat(seen).hasSize(30).allSatisfy(line -> assertThat(line).matches(".*\\{\"i\":\\d+}$"));
    }

    @Test
    void noReplyWithinTheTimeoutIsAnHttpTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                JsonPoster poster = new JsonPoster(
                        "test",
                        URI.create("http://127.0.0.1:" + silent.getLocalPort()),
                        Map.of(),
                        Duration.ofMillis(300),
                        4)) {
            CompletableFuture<JsonPoster.Reply> reply = poster.post("/x", "{}".getBytes(StandardCharsets.UTF_8));
            try (Socket accepted = silent.accept()) { // accepted, read, never answered
                assertThatThrownBy(() -> reply.get(10, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .cause()
                        .isInstanceOf(HttpTimeoutException.class)
                        .hasMessage("no reply within 300 ms");
            }
            BackendException failure = HttpFailures.fromException(
                    "kaito/x", reply.handle((r, e) -> e).join());
            assertThat(failure.kind()).isEqualTo(BackendException.Kind.TRANSIENT);
            assertThat(failure.getMessage()).contains("timed out");
        }
    }

    @Test
    void aRefusedConnectionIsATransientFailure() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (JsonPoster poster = new JsonPoster(
                "test", URI.create("http://127.0.0.1:" + closedPort), Map.of(), Duration.ofSeconds(5), 4)) {
            Throwable error = poster.post("/x", "{}".getBytes(StandardCharsets.UTF_8))
                    .handle((r, e) -> e)
                    .get(10, TimeUnit.SECONDS);
            BackendException failure = HttpFailures.fromException("kaito/x", error);
            assertThat(failure.kind()).isEqualTo(BackendException.Kind.TRANSIENT);
            assertThat(failure.getMessage()).contains("connection failed", "Connection refused");
        }
    }
}
