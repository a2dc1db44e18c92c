package io.aibatch.simulator.http;

import io.aibatch.simulator.ReceivedRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.JsonNode;

/**
 * One HTTP request in flight and the single way to finish it. Answering may happen on any thread, long after
 * the handler returned (from the scheduler when the simulated service time is over); writes are asynchronous,
 * so no thread ever waits for a client.
 */
public final class Exchange {

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final ReceivedRequest received;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final HangRegistry hangs;

    Exchange(Request request, Response response, Callback callback, ReceivedRequest received, HangRegistry hangs) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.received = received;
        this.hangs = hangs;
    }

    public ReceivedRequest request() {
        return received;
    }

    /** Scheme, host and port as the client addressed us, for Operation-Location headers. */
    public String baseUrl() {
        String scheme = request.getHttpURI().getScheme();
        return (scheme == null ? "http" : scheme) + "://" + Request.getServerName(request) + ":"
                + Request.getServerPort(request);
    }

    public void json(int status, JsonNode body, Map<String, String> headers) {
        bytes(status, "application/json; charset=utf-8", Json.bytes(body), headers);
    }

    public void json(int status, JsonNode body) {
        json(status, body, Map.of());
    }

    public void text(int status, String contentType, String body, Map<String, String> headers) {
        bytes(status, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** No body at all, e.g. 202 Accepted with only an Operation-Location header. */
    public void empty(int status, Map<String, String> headers) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        response.setStatus(status);
        headers.forEach((k, v) -> response.getHeaders().put(k, v));
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
        callback.succeeded();
    }

    public void bytes(int status, String contentType, byte[] body, Map<String, String> headers) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put("apim-request-id", UUID.randomUUID().toString());
        headers.forEach((k, v) -> response.getHeaders().put(k, v));
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Fault 'drop': close the TCP connection without writing a response; the client sees an I/O error. */
    public void drop() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        request.getConnectionMetaData().getConnection().getEndPoint().close();
        callback.failed(new QuietIoException("connection dropped by simulator fault injection"));
    }

    /**
     * Fault 'hang': never answer. The callback is kept so that closing the simulator can finish it; the client's own timeout is what ends the wait.
     */
    public void hang() {
        if (finished.compareAndSet(false, true)) {
            hangs.add(callback);
        }
    }
}
