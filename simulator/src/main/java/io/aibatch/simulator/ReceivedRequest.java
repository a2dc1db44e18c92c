package io.aibatch.simulator;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request as the simulated service received it, handed to {@link Simulator#onRequest} observers before the
 * backend acts on it. Header names are lower-case. The body is the exact bytes on the wire.
 */
public record ReceivedRequest(
        Backend backend,
        String method,
        String path,
        Map<String, List<String>> query,
        Map<String, List<String>> headers,
        byte[] body) {

    public ReceivedRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String contentType() {
        String ct = header("content-type");
        return ct == null ? "" : ct;
    }

    /** Media type without parameters, lower-case, e.g. {@code multipart/form-data}. */
    public String mediaType() {
        String ct = contentType();
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
