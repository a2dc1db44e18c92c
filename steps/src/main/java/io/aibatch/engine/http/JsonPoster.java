package io.aibatch.engine.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.timeout.ReadTimeoutException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * POSTs JSON bodies to one server over pooled, kept-alive HTTP/1.1 connections, on Netty's event loops
 * (reactor-netty). For jobs that send many small requests, where the client's CPU per request decides how many
 * requests a pod sends: the JDK's HttpClient hands every exchange between its selector thread, an executor and a
 * chain of futures, and costs about twice the CPU per request of this client (docs/benchmarks.md#openai-batch).
 * <p>
 * A reply of any status completes the future (the caller classifies it, e.g. with {@link HttpFailures}); no reply
 * fails it: {@link HttpTimeoutException} when none came within the timeout, the connection's exception otherwise.
 * The future completes on an event loop thread: what follows it must not block.
 */
public final class JsonPoster implements AutoCloseable {

    /**
     * One set of event loops for every poster of the process, as many as CPUs: daemon threads, so that they never
     * keep a finished run's JVM alive.
     */
    private static final LoopResources LOOPS = LoopResources.create(
            "aibatch-http", Math.max(1, Runtime.getRuntime().availableProcessors()), true);

    /**
     * Idle connections are dropped after this, before the server drops them (vLLM's uvicorn closes a kept-alive
     * connection after 5 s idle); a request sent on a connection the server is closing would fail.
     */
    static final Duration MAX_IDLE = Duration.ofSeconds(4);

    /** A reply: its status, headers and whole body. */
    public record Reply(int status, HttpHeaders headers, byte[] body) {

        /** The header's first value, or null. */
        public String header(String name) {
            return headers.get(name);
        }
    }

    private final URI base;
    private final Duration timeout;
    private final ConnectionProvider connections;
    private final HttpClient http;
    private final Map<String, String> urls = new ConcurrentHashMap<>();

    /**
     * @param name           names the connection pool (in reactor-netty's metrics and logs)
     * @param base           the server; request paths are resolved against it
     * @param headers        sent with every request, besides {@code Content-Type: application/json}; never logged
     * @param timeout        how long a request may wait for its reply
     * @param maxConnections the most connections open at once; callers limit their requests in flight themselves,
     *                       and a request beyond this waits for a connection
     */
    public JsonPoster(String name, URI base, Map<String, String> headers, Duration timeout, int maxConnections) {
        this.base = base;
        this.timeout = timeout;
        this.connections = ConnectionProvider.builder(name)
                .maxConnections(maxConnections)
                .pendingAcquireMaxCount(-1)
                // no timer per waiting request (reactor-pool schedules one on another thread for each, which cost
                // a tenth of the client's CPU): the wait is brief, as callers keep requests in flight within
                // maxConnections, and a reply's wait has its own timeout
                .pendingAcquireTimeout(Duration.ZERO)
                .maxIdleTime(MAX_IDLE)
                .build();
        this.http = HttpClient.create(connections)
                .runOn(LOOPS)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .responseTimeout(timeout)
                .headers(h -> {
                    h.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                    headers.forEach(h::set);
                });
    }

    /** POSTs {@code body}, a JSON document's bytes, to {@code path} of the server. */
    public CompletableFuture<Reply> post(String path, byte[] body) {
        return http.post()
                .uri(urls.computeIfAbsent(path, p -> base.resolve(p).toString()))
                // a buffer per subscription: reactor-netty sends the request again when a pooled connection turns
                // out closed before the request went out, and a sent buffer has been released
                .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
                .responseSingle((response, content) -> content.asByteArray()
                        .defaultIfEmpty(new byte[0])
                        .map(bytes -> new Reply(response.status().code(), response.responseHeaders(), bytes)))
                .onErrorMap(
                        ReadTimeoutException.class,
                        e -> new HttpTimeoutException("no reply within " + timeout.toMillis() + " ms"))
                .toFuture();
    }

    /** Closes the pooled connections. */
    @Override
    public void close() {
        connections.dispose();
    }
}
