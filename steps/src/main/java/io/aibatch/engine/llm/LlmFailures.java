package io.aibatch.engine.llm;

import io.aibatch.engine.BackendException;
import io.aibatch.resilience.FailurePolicy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The classification rules shared by the LLM clients: status codes and headers to {@link BackendException} kinds. */
final class LlmFailures {

    private LlmFailures() {}

    /**
     * Classified by the {@link FailurePolicy}: 401/403 and 404 (no such model or deployment) are fatal; 429 (and 503
     * with a retry hint) is throttling; 408 and 5xx are transient; any other 4xx is permanent: a 400 for a prompt
     * over the context length will fail the same way however often it is sent.
     */
    static BackendException fromStatus(String backend, int status, Optional<Duration> retryAfter, String message) {
        return FailurePolicy.fromStatus(backend, status, retryAfter.orElse(null), true, message);
    }

    /** {@code retry-after-ms} (Azure OpenAI's precise hint) wins over {@code Retry-After} in seconds. */
    static Optional<Duration> retryAfter(String retryAfterMs, String retryAfterSeconds) {
        Optional<Duration> millis = parseLong(retryAfterMs).map(Duration::ofMillis);
        return millis.isPresent() ? millis : parseLong(retryAfterSeconds).map(Duration::ofSeconds);
    }

    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        String line = message.strip().replaceAll("\\s+", " ");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private static Optional<Long> parseLong(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
