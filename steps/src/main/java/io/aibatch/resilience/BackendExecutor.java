package io.aibatch.resilience;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import io.aibatch.engine.BackendException;
import io.aibatch.engine.http.HttpFailures;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one backend as hard as it can take, shared by every slice in this JVM: each attempt waits for the backend's
 * rate caps ({@link RatePacer}; most backends have none), passes a
 * concurrency gate (adaptive or fixed limit), then the circuit breaker, runs with a timeout, and
 * failed attempts are retried with exponential backoff and jitter, or after the backend's
 * Retry-After. Nothing here blocks a thread.
 * <p>
 * An open breaker pauses calls (they wait, they are not failed) until probes succeed again, so a
 * backend outage does not burn every item into the dead-letter output: a probe the still-down backend fails does not
 * count as one of its item's attempts either. If the outage lasts longer than
 * {@link BackendPolicy#maxOutage()} calls fail with {@link BackendUnavailableException}, which stops the step.
 */
public final class BackendExecutor {

    private static final Logger log = LoggerFactory.getLogger(BackendExecutor.class);
    private static final Duration PAUSE_POLL = Duration.ofMillis(250);

    private final BackendPolicy policy;
    private final ScheduledExecutorService scheduler;
    private final RatePacer pacer;
    private final ConcurrencyGate gate;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final AtomicLong openSince = new AtomicLong(0);
    /** Set once a call proved the configuration wrong: later calls fail at once, without being sent. */
    private final AtomicReference<BackendConfigurationException> fatal = new AtomicReference<>();

    private final AtomicReference<Throwable> lastFailure = new AtomicReference<>();
    private final AtomicBoolean openedBefore = new AtomicBoolean();
    /** The process is shutting down: paused calls must not keep the steps from stopping within the grace period. */
    private volatile boolean stopping;

    public BackendExecutor(BackendPolicy policy, ScheduledExecutorService scheduler) {
        this.policy = policy;
        this.scheduler = scheduler;
        this.pacer = policy.rateCaps().capped() ? new RatePacer(policy.backend(), policy.rateCaps()) : RatePacer.NONE;
        if (policy.rateCaps().capped()) {
            log.info(
                    "backend {}: rate caps of this JVM: requests-per-minute {}, tokens-per-minute {}",
                    policy.backend(),
                    orNone(policy.rateCaps().requestsPerMinute()),
                    orNone(policy.rateCaps().tokensPerMinute()));
        }
        Limit limit = policy.adaptive()
                ? new AimdLimit(
                        policy.initialConcurrency(),
                        policy.minConcurrency(),
                        policy.maxConcurrency(),
                        policy.latencyTolerance())
                : FixedLimit.of(policy.initialConcurrency());
        this.gate = new ConcurrencyGate(
                SimpleLimiter.newBuilder().named(policy.backend()).limit(limit).build());
        this.breaker = CircuitBreaker.of(
                policy.backend(),
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(policy.breakerWindow())
                        .minimumNumberOfCalls(Math.min(policy.breakerWindow(), 20))
                        .failureRateThreshold(policy.breakerFailureRate())
                        .waitDurationInOpenState(policy.breakerOpenFor())
                        .permittedNumberOfCallsInHalfOpenState(3)
                        .automaticTransitionFromOpenToHalfOpenEnabled(true)
                        .build());
        this.breaker.getEventPublisher().onStateTransition(event -> {
            if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN
                    && openedBefore.compareAndSet(false, true)) {
                // once per run, the operator learns what is failing and why, not just that a breaker flips
                Throwable last = lastFailure.get();
                log.warn(
                        "backend {}: calls paused (circuit breaker open) after {}% of recent calls failed; last error: {}",
                        policy.backend(),
                        Math.round(breaker.getMetrics().getFailureRate()),
                        last == null ? "none" : last.getMessage());
            } else {
                log.info("backend {}: circuit breaker {}", policy.backend(), event.getStateTransition());
            }
            if (event.getStateTransition().getToState() == CircuitBreaker.State.CLOSED) {
                openSince.set(0);
            } else {
                openSince.compareAndSet(0, System.nanoTime());
            }
        });
        IntervalFunction backoff =
                IntervalFunction.ofExponentialRandomBackoff(policy.initialBackoff(), 2.0, 0.5, policy.maxBackoff());
        this.retry = Retry.of(
                policy.backend(),
                RetryConfig.custom()
                        .maxAttempts(policy.maxAttempts())
                        .retryOnException(BackendExecutor::retryable)
                        .intervalBiFunction((attempt, outcome) -> {
                            long wait = backoff.apply(attempt);
                            if (outcome.isLeft()
                                    && HttpFailures.unwrap(outcome.getLeft()) instanceof BackendException failure
                                    && failure.retryAfter() != null) {
                                // spread the retries that one throttling burst produced
                                long asked = failure.retryAfter().toMillis();
                                return Math.max(
                                        wait,
                                        asked + ThreadLocalRandom.current().nextLong(Math.max(1, asked / 5 + 1)));
                            }
                            return wait;
                        })
                        .build());
    }

    public String backend() {
        return policy.backend();
    }

    public BackendPolicy policy() {
        return policy;
    }

    /** The current concurrency limit. */
    public int limit() {
        return gate.limit();
    }

    public int inFlight() {
        return gate.inFlight();
    }

    public int waiting() {
        return gate.waiting();
    }

    /**
     * SIGTERM: calls paused by an open breaker, and calls not yet started, fail at once with
     * {@link BackendUnavailableException}, so that every slice's step ends (restartable) within the grace period
     * instead of waiting for the backend for up to max-outage.
     */
    public void stop() {
        stopping = true;
    }

    public CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    /**
     * Runs {@code call} with the policy. The future fails with {@link CallsExhaustedException} when the
     * item should be dead-lettered, with {@link BackendUnavailableException} when the backend is down
     * for too long, and with any non-backend exception of the call unchanged.
     */
    public <T> CompletableFuture<T> execute(Supplier<CompletableFuture<T>> call, CallObserver observer) {
        return execute(call, observer, 0, reply -> 0);
    }

    /**
     * Runs {@code call} like {@link #execute(Supplier, CallObserver)}, counting it against the backend's
     * tokens-per-minute cap: each attempt waits for {@code estimatedTokens} token permits first, and when a reply
     * reports more tokens used ({@code usedTokens}, 0 when the backend does not say), the difference is taken after it.
     */
    public <T> CompletableFuture<T> execute(
            Supplier<CompletableFuture<T>> call,
            CallObserver observer,
            long estimatedTokens,
            ToLongFunction<T> usedTokens) {
        if (fatal.get() != null) {
            return CompletableFuture.failedFuture(fatal.get());
        }
        if (stopping) {
            return CompletableFuture.failedFuture(
                    new BackendUnavailableException(policy.backend(), "the process is stopping"));
        }
        AtomicInteger attempts = new AtomicInteger();
        return retry.executeCompletionStage(
                        scheduler, () -> paced(call, observer, attempts.incrementAndGet(), estimatedTokens, usedTokens))
                .toCompletableFuture()
                .exceptionallyCompose(error -> {
                    Throwable cause = HttpFailures.unwrap(error);
                    if (cause instanceof BackendException failure && failure.kind() == BackendException.Kind.FATAL) {
                        fatal.compareAndSet(null, new BackendConfigurationException(failure));
                        return CompletableFuture.failedFuture(fatal.get());
                    }
                    if (cause instanceof BackendException failure) {
                        return CompletableFuture.failedFuture(new CallsExhaustedException(attempts.get(), failure));
                    }
                    return CompletableFuture.failedFuture(cause);
                });
    }

    /**
     * Waits for the rate caps' permits before the attempt takes a gate slot or a breaker permission and before its
     * latency is measured: a capped backend must not look slow to the adaptive limit, the histograms or the breaker.
     */
    private <T> CompletableFuture<T> paced(
            Supplier<CompletableFuture<T>> call,
            CallObserver observer,
            int attemptNumber,
            long estimatedTokens,
            ToLongFunction<T> usedTokens) {
        return pacer.admit(estimatedTokens, scheduler)
                .thenCompose(admitted -> {
                    if (stopping) {
                        return CompletableFuture.failedFuture(
                                new BackendUnavailableException(policy.backend(), "the process is stopping"));
                    }
                    return attempt(call, observer, attemptNumber);
                })
                .thenApply(reply -> {
                    pacer.settle(estimatedTokens, usedTokens.applyAsLong(reply));
                    return reply;
                })
                .exceptionallyCompose(error -> HttpFailures.unwrap(error) instanceof FailedProbe
                        // the backend is still down: the outage's failure, not the item's, so the item waits for the
                        // rate caps and the breaker again without using up an attempt (max-outage bounds the wait)
                        ? paced(call, observer, attemptNumber, estimatedTokens, usedTokens)
                        : CompletableFuture.failedFuture(error));
    }

    private <T> CompletableFuture<T> attempt(
            Supplier<CompletableFuture<T>> call, CallObserver observer, int attemptNumber) {
        return gate.acquire().thenCompose(this::breakerPermission).thenCompose(permit -> {
            if (fatal.get() != null) {
                gate.release(permit.slot(), CallOutcome.PERMANENT);
                breaker.releasePermission();
                return CompletableFuture.failedFuture(fatal.get());
            }
            long started = System.nanoTime();
            CompletableFuture<T> result;
            try {
                result = call.get();
            } catch (RuntimeException e) {
                result = CompletableFuture.failedFuture(e);
            }
            return result.orTimeout(policy.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .handle((value, error) -> {
                        long latency = System.nanoTime() - started;
                        Throwable cause = error == null ? null : HttpFailures.unwrap(error);
                        if (cause instanceof TimeoutException) {
                            cause = BackendException.transientFailure(
                                    policy.backend(),
                                    0,
                                    "no reply within " + policy.callTimeout().toMillis() + " ms",
                                    cause);
                        }
                        CallOutcome outcome = classify(cause);
                        gate.release(permit.slot(), outcome);
                        recordInBreaker(outcome, latency, cause);
                        if (outcome != null) {
                            observer.onAttempt(policy.backend(), latency, outcome, attemptNumber);
                        }
                        if (cause == null) {
                            return CompletableFuture.completedFuture(value);
                        }
                        if (permit.probe() && (outcome == CallOutcome.TRANSIENT || outcome == CallOutcome.TIMEOUT)) {
                            return CompletableFuture.<T>failedFuture(new FailedProbe(cause));
                        }
                        return CompletableFuture.<T>failedFuture(cause);
                    })
                    .thenCompose(Function.identity());
        });
    }

    /** A probe of the half-open breaker that the backend failed transiently: the attempt is made again. */
    private static final class FailedProbe extends RuntimeException {
        FailedProbe(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** A gate slot with the breaker's permission; a probe when the breaker was half-open. */
    private record Permit(Limiter.Listener slot, boolean probe) {}

    /** Waits (without a thread) while the breaker is open; gives the gate slot back meanwhile. */
    private CompletableFuture<Permit> breakerPermission(Limiter.Listener slot) {
        boolean halfOpen = breaker.getState() == CircuitBreaker.State.HALF_OPEN;
        if (breaker.tryAcquirePermission()) {
            return CompletableFuture.completedFuture(new Permit(slot, halfOpen));
        }
        gate.release(slot, CallOutcome.TRANSIENT);
        if (stopping) {
            return CompletableFuture.failedFuture(
                    new BackendUnavailableException(policy.backend(), "the process is stopping"));
        }
        long since = openSince.get();
        if (since != 0 && System.nanoTime() - since > policy.maxOutage().toNanos()) {
            return CompletableFuture.failedFuture(
                    new BackendUnavailableException(policy.backend(), Duration.ofNanos(System.nanoTime() - since)));
        }
        return CompletableFuture.supplyAsync(
                        () -> null,
                        CompletableFuture.delayedExecutor(PAUSE_POLL.toMillis(), TimeUnit.MILLISECONDS, scheduler))
                .thenCompose(ignored -> gate.acquire())
                .thenCompose(this::breakerPermission);
    }

    private void recordInBreaker(CallOutcome outcome, long latencyNanos, Throwable cause) {
        if (outcome == CallOutcome.TRANSIENT || outcome == CallOutcome.TIMEOUT) {
            lastFailure.set(cause);
            breaker.onError(latencyNanos, TimeUnit.NANOSECONDS, cause);
        } else if (outcome == null) {
            breaker.releasePermission();
        } else {
            // throttling and item rejections prove the backend is up
            breaker.onSuccess(latencyNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Null for failures that are not the backend's (a bug in the caller): those are neither retried nor counted. */
    private static CallOutcome classify(Throwable cause) {
        if (cause == null) {
            return CallOutcome.SUCCESS;
        }
        if (!(cause instanceof BackendException failure)) {
            return null;
        }
        return switch (failure.kind()) {
            case THROTTLED -> CallOutcome.THROTTLED;
            case PERMANENT, FATAL -> CallOutcome.PERMANENT;
            case TRANSIENT ->
                failure.getCause() instanceof TimeoutException
                                || failure.getCause() instanceof java.net.http.HttpTimeoutException
                        ? CallOutcome.TIMEOUT
                        : CallOutcome.TRANSIENT;
        };
    }

    private static String orNone(Integer cap) {
        return cap == null ? "none" : cap.toString();
    }

    private static boolean retryable(Throwable error) {
        return HttpFailures.unwrap(error) instanceof BackendException failure && failure.retryable();
    }
}
