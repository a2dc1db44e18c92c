package io.aibatch.engine.speech;

import com.microsoft.cognitiveservices.speech.CancellationErrorCode;
import io.aibatch.engine.BackendException;

/**
 * The Speech SDK reports failures as cancellation error codes, not HTTP statuses; this maps them onto the three
 * kinds the resilience layer understands. The SDK hides the upgrade response's headers, so a 429 carries no
 * Retry-After. Details are the SDK's text, which names the endpoint and session, never a key.
 */
final class SpeechFailures {

    private SpeechFailures() {}

    static BackendException classify(String engine, CancellationErrorCode code, String details) {
        String message = code + ": " + (details == null ? "" : details.strip());
        return switch (code) {
            case TooManyRequests -> BackendException.throttled(engine, 429, null, message);
            // a key or token the service refuses: the run's configuration, not this recording (FailurePolicy)
            case AuthenticationFailure -> BackendException.fatal(engine, 401, message, null);
            case Forbidden -> BackendException.fatal(engine, 403, message, null);
            case BadRequest -> BackendException.permanent(engine, 400, message);
            case ServiceUnavailable -> BackendException.transientFailure(engine, 503, message, null);
            default ->
                BackendException.transientFailure(
                        engine, 0, message, null); // ConnectionFailure, ServiceTimeout, ServiceError, RuntimeError...
        };
    }
}
