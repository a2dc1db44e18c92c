package io.aibatch.engine.http;

import io.aibatch.engine.BackendException;
import io.aibatch.resilience.FailurePolicy;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Classifies HTTP outcomes into {@link BackendException} kinds, the same way for every REST backend. */
public final class HttpFailures {

    private static final int MAX_BODY_IN_MESSAGE = 300;

    private HttpFailures() {}

    /**
     * A non-2xx response, classified by the {@link FailurePolicy}: 401/403 and a 404 on a submission are fatal, 429
     * is throttling, 408 and 5xx are transient, any other 4xx is permanent. The message names the endpoint (scheme,
     * host, port, path; never the query) so that an operator sees where the call went.
     */
    public static BackendException fromResponse(String backend, HttpResponse<byte[]> response) {
        return fromResponse(
                backend,
                response.request().method(),
                response.uri(),
                response.statusCode(),
                name -> response.headers().firstValue(name).orElse(null),
                response.body());
    }

    /**
     * {@link #fromResponse(String, HttpResponse)} for a reply of another client.
     *
     * @param header a header's first value by name, or null
     */
    public static BackendException fromResponse(
            String backend, String method, URI uri, int status, UnaryOperator<String> header, byte[] body) {
        String message = "HTTP " + status + " from " + method + " " + endpoint(uri) + ": " + excerpt(body);
        Duration retryAfter = retryAfter(header).orElse(null);
        return FailurePolicy.fromStatus(backend, status, retryAfter, "POST".equals(method), message);
    }

    /** No usable response: connection refused or reset, timeout, interrupted transfer (transient); TLS (fatal). */
    public static BackendException fromException(String backend, Throwable error) {
        Throwable cause = unwrap(error);
        String what = cause instanceof HttpTimeoutException ? "timed out" : "connection failed";
        return FailurePolicy.fromException(backend, what, cause);
    }

    static String endpoint(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /** A 2xx response whose body is not what the protocol promises. Transient: a retry usually gets a good one. */
    public static BackendException malformed(String backend, String what, Throwable cause) {
        return BackendException.transientFailure(backend, 200, "malformed reply: " + what, cause);
    }

    /** {@code retry-after-ms} (Azure OpenAI) wins over {@code Retry-After} in seconds. */
    public static Optional<Duration> retryAfter(HttpHeaders headers) {
        return retryAfter(name -> headers.firstValue(name).orElse(null));
    }

    /** {@link #retryAfter(HttpHeaders)} of headers read by name (first value, or null). */
    public static Optional<Duration> retryAfter(UnaryOperator<String> header) {
        Optional<Duration> millis = Optional.ofNullable(header.apply("retry-after-ms"))
                .flatMap(value -> parseLong(value).map(Duration::ofMillis));
        if (millis.isPresent()) {
            return millis;
        }
        return Optional.ofNullable(header.apply("Retry-After"))
                .flatMap(value -> parseLong(value).map(Duration::ofSeconds));
    }

    public static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof java.util.concurrent.CompletionException
                        || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static Optional<Long> parseLong(String value) {
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String excerpt(byte[] body) {
        if (body == null || body.length == 0) {
            return "(empty body)";
        }
        String text = new String(body, 0, Math.min(body.length, MAX_BODY_IN_MESSAGE), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ");
        return body.length > MAX_BODY_IN_MESSAGE ? text + "…" : text;
    }
}
