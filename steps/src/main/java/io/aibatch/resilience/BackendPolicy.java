package io.aibatch.resilience;

import java.time.Duration;

/**
 * How hard and how patiently one backend is driven.
 *
 * @param adaptive           true: the concurrency limit adapts between min and max (AIMD on throttling and latency
 *                           growth); false: it stays at {@code initialConcurrency}
 * @param callTimeout        longest one attempt may take (an asynchronous operation includes its polling)
 * @param maxAttempts        attempts per item, retries included; throttled attempts count too
 * @param initialBackoff     first retry delay; doubles each retry, ±50% jitter, capped at {@code maxBackoff};
 *                           a Retry-After from the backend wins when it is longer
 * @param latencyTolerance   adaptive only: smoothed latency above this multiple of the baseline counts as congestion
 * @param breakerFailureRate percentage of transient failures (5xx, timeouts, dropped connections, malformed replies)
 *                           over the last {@code breakerWindow} calls that opens the circuit breaker
 * @param breakerOpenFor     how long an open breaker pauses calls before letting probes through
 * @param maxOutage          how long the breaker may keep the backend paused before the step fails (restartable)
 *                           instead of waiting for ever
 * @param rateCaps           requests and tokens per minute this JVM may send ({@link RateCaps#NONE}: no cap), paced by
 *                           {@link RatePacer} before the concurrency gate
 */
public record BackendPolicy(
        String backend,
        boolean adaptive,
        int initialConcurrency,
        int minConcurrency,
        int maxConcurrency,
        Duration callTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        double latencyTolerance,
        float breakerFailureRate,
        int breakerWindow,
        Duration breakerOpenFor,
        Duration maxOutage,
        RateCaps rateCaps) {

    public BackendPolicy {
        if (minConcurrency < 1
                || minConcurrency > maxConcurrency
                || initialConcurrency < minConcurrency
                || initialConcurrency > maxConcurrency) {
            throw new IllegalArgumentException(
                    "backend " + backend + ": concurrency must satisfy 1 <= min <= initial <= max but was min="
                            + minConcurrency + " initial=" + initialConcurrency + " max=" + maxConcurrency);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("backend " + backend + ": maxAttempts must be at least 1");
        }
        rateCaps = rateCaps == null ? RateCaps.NONE : rateCaps;
    }

    /** Sensible defaults for a network backend: adaptive between 1 and 256, starting at 8. */
    public static BackendPolicy adaptiveDefaults(String backend) {
        return new BackendPolicy(
                backend,
                true,
                8,
                1,
                256,
                Duration.ofSeconds(120),
                6,
                Duration.ofMillis(200),
                Duration.ofSeconds(30),
                2.0,
                50f,
                50,
                Duration.ofSeconds(5),
                Duration.ofMinutes(15),
                RateCaps.NONE);
    }

    public static BackendPolicy fixed(String backend, int concurrency) {
        return adaptiveDefaults(backend).withConcurrency(false, concurrency, concurrency, concurrency);
    }

    public BackendPolicy withConcurrency(boolean adaptive, int initial, int min, int max) {
        return new BackendPolicy(
                backend,
                adaptive,
                initial,
                min,
                max,
                callTimeout,
                maxAttempts,
                initialBackoff,
                maxBackoff,
                latencyTolerance,
                breakerFailureRate,
                breakerWindow,
                breakerOpenFor,
                maxOutage,
                rateCaps);
    }

    public BackendPolicy withTimeouts(
            Duration callTimeout, int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        return new BackendPolicy(
                backend,
                adaptive,
                initialConcurrency,
                minConcurrency,
                maxConcurrency,
                callTimeout,
                maxAttempts,
                initialBackoff,
                maxBackoff,
                latencyTolerance,
                breakerFailureRate,
                breakerWindow,
                breakerOpenFor,
                maxOutage,
                rateCaps);
    }

    public BackendPolicy withBreaker(float failureRate, int window, Duration openFor, Duration maxOutage) {
        return new BackendPolicy(
                backend,
                adaptive,
                initialConcurrency,
                minConcurrency,
                maxConcurrency,
                callTimeout,
                maxAttempts,
                initialBackoff,
                maxBackoff,
                latencyTolerance,
                failureRate,
                window,
                openFor,
                maxOutage,
                rateCaps);
    }

    public BackendPolicy withRateCaps(RateCaps caps) {
        return new BackendPolicy(
                backend,
                adaptive,
                initialConcurrency,
                minConcurrency,
                maxConcurrency,
                callTimeout,
                maxAttempts,
                initialBackoff,
                maxBackoff,
                latencyTolerance,
                breakerFailureRate,
                breakerWindow,
                breakerOpenFor,
                maxOutage,
                caps);
    }
}
