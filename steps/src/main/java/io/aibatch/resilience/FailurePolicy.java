package io.aibatch.resilience;

import io.aibatch.engine.BackendException;
import io.aibatch.engine.RestrictedContentException;
import io.aibatch.item.WorkItem;
import io.aibatch.pipeline.ItemOutcome;
import io.aibatch.pipeline.RejectedItemException;
import io.aibatch.source.ItemUnavailableException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failure policy of every engine and handler, in the spirit of Spring Batch's SkipPolicy: what a failure
 * means decides what happens next.
 * <ul>
 *   <li><b>item</b> — the item itself is unusable or was refused (4xx other than the ones below, corrupt input,
 *       retries used up): it is dead-lettered with a code and the run goes on;</li>
 *   <li><b>transient</b> / <b>throttled</b> — 408, 5xx, dropped connections, timeouts, malformed replies / 429,
 *       503 with Retry-After: retried by the {@link BackendExecutor};</li>
 *   <li><b>outage</b> — the circuit breaker stayed open longer than max-outage ({@link BackendUnavailableException}):
 *       the step fails, restartable, nothing is dead-lettered;</li>
 *   <li><b>fatal configuration</b> — 401/403, a 404 on a request that names a model or deployment (the model or
 *       deployment does not exist), a credential or TLS error ({@link BackendConfigurationException}): every item
 *       would fail the same way, so the run fails at once (exit 78) and no item is dead-lettered.</li>
 * </ul>
 * A routing bug ({@link RestrictedContentException}) and JVM errors fail the step too; anything else unexpected is the
 * item's problem (code {@code error}), so that one odd file cannot stop a run.
 */
public final class FailurePolicy {

    private static final Logger log = LoggerFactory.getLogger(FailurePolicy.class);

    /** What a failure means for the run. */
    public enum Decision {
        ITEM,
        TRANSIENT,
        THROTTLED,
        OUTAGE,
        FATAL
    }

    private FailurePolicy() {}

    /**
     * The kind of a non-2xx HTTP status.
     *
     * @param hasRetryAfter the response carried Retry-After / retry-after-ms
     * @param submit        the request submitted work naming a model or deployment (a POST), as opposed to polling a
     *                      result: a 404 then means the model, deployment or path does not exist
     */
    public static BackendException.Kind ofStatus(int status, boolean hasRetryAfter, boolean submit) {
        if (status == 401 || status == 403 || (status == 404 && submit)) {
            return BackendException.Kind.FATAL;
        }
        if (status == 429 || (status == 503 && hasRetryAfter)) {
            return BackendException.Kind.THROTTLED;
        }
        if (status == 408 || status >= 500) {
            return BackendException.Kind.TRANSIENT;
        }
        return BackendException.Kind.PERMANENT;
    }

    /** A {@link BackendException} for a non-2xx status, classified by {@link #ofStatus}. */
    public static BackendException fromStatus(
            String backend, int status, Duration retryAfter, boolean submit, String message) {
        return switch (ofStatus(status, retryAfter != null, submit)) {
            case FATAL -> BackendException.fatal(backend, status, message + " (" + settingHint(status) + ")", null);
            case THROTTLED -> BackendException.throttled(backend, status, retryAfter, message);
            case TRANSIENT -> BackendException.transientFailure(backend, status, message, null);
            case PERMANENT -> BackendException.permanent(backend, status, message);
        };
    }

    /**
     * A call that got no usable response. A credential that cannot work (no identity, a token over plain http) or a
     * TLS failure is fatal; anything else (refused, reset, timed out) is transient.
     */
    public static BackendException fromException(String backend, String what, Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof BackendException backendException) {
            return backendException;
        }
        String configuration = configurationProblem(cause);
        if (configuration != null) {
            return BackendException.fatal(
                    backend, 0, what + ": " + configuration + " (" + cause.getMessage() + ")", cause);
        }
        return BackendException.transientFailure(backend, 0, what + ": " + cause, cause);
    }

    /** What an item's failure means. */
    public static Decision decide(Throwable failure) {
        Throwable e = unwrap(failure);
        if (e instanceof BackendConfigurationException
                || e instanceof RestrictedContentException
                || e instanceof Error) {
            return Decision.FATAL;
        }
        if (e instanceof BackendUnavailableException) {
            return Decision.OUTAGE;
        }
        if (e instanceof BackendException b) {
            return switch (b.kind()) {
                case FATAL -> Decision.FATAL;
                case THROTTLED -> Decision.THROTTLED;
                case TRANSIENT -> Decision.TRANSIENT;
                case PERMANENT -> Decision.ITEM;
            };
        }
        return Decision.ITEM;
    }

    /**
     * The dead-letter record for an item-level failure of {@code item}; throws {@code failure} (unwrapped) when it
     * is not the item's problem, which fails the step. A backend failure the executor did not retry (a client that
     * failed outside it) is dead-lettered as {@code backend-rejected} or {@code backend-unavailable}.
     */
    public static ItemOutcome.DeadLettered deadLetterOrThrow(WorkItem item, Throwable failure) {
        Throwable e = unwrap(failure);
        Decision decision = decide(e);
        if (decision == Decision.FATAL || decision == Decision.OUTAGE) {
            if (e instanceof BackendException b && b.kind() == BackendException.Kind.FATAL) {
                throw new BackendConfigurationException(b);
            }
            if (e instanceof Error error) {
                throw error;
            }
            throw e instanceof RuntimeException runtime ? runtime : new CompletionException(e);
        }
        if (e instanceof RejectedItemException r) {
            return new ItemOutcome.DeadLettered(item, r.code(), r.getMessage(), 1);
        }
        if (e instanceof ItemUnavailableException unavailable) {
            return new ItemOutcome.DeadLettered(item, unavailable.code(), unavailable.getMessage(), 1);
        }
        if (e instanceof CallsExhaustedException exhausted) {
            return new ItemOutcome.DeadLettered(item, exhausted.code(), exhausted.getMessage(), exhausted.attempts());
        }
        if (e instanceof BackendException b) {
            String code = b.kind() == BackendException.Kind.PERMANENT ? "backend-rejected" : "backend-unavailable";
            return new ItemOutcome.DeadLettered(
                    item,
                    code,
                    b.kind().name().toLowerCase(Locale.ROOT) + " failure of " + b.backend() + ": " + b.getMessage(),
                    1);
        }
        log.warn("unexpected failure on {}", item.source(), e);
        return new ItemOutcome.DeadLettered(item, "error", "unexpected error: " + e, 1);
    }

    /** What to fix for a fatal status, in words. */
    static String settingHint(int status) {
        return switch (status) {
            case 401 -> "the API key or credential was not accepted";
            case 403 -> "the credential has no access to this resource";
            case 404 -> "the model, deployment or endpoint path does not exist";
            default -> "the endpoint's configuration is wrong";
        };
    }

    /** A description when {@code cause} means a credential or TLS setting cannot work, else null. */
    static String configurationProblem(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException) {
                return "TLS failed (check the endpoint's scheme and certificate)";
            }
            String type = t.getClass().getName();
            if (type.equals("com.azure.identity.CredentialUnavailableException")
                    || type.equals("com.azure.core.exception.ClientAuthenticationException")) {
                return "no usable credential";
            }
            // azure-core refuses to send a bearer token or key over plain http: the endpoint needs https
            String message = String.valueOf(t.getMessage());
            if (message.contains("require a URL using the HTTPS protocol")) {
                return "the credential needs an https endpoint";
            }
        }
        return null;
    }

    public static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException
                        || cause instanceof ExecutionException
                        || cause instanceof UncheckedIOException
                                && cause.getCause() instanceof ItemUnavailableException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
