package io.aibatch.runtime;

import io.aibatch.resilience.BackendPolicy;
import io.aibatch.resilience.RateCaps;
import java.time.Duration;

/**
 * {@code aibatch.backends.<name>.*}: how one backend is driven. Unset fields take the value of
 * {@code aibatch.backends.defaults}, then the built-in default. See {@link BackendPolicy} for what each means.
 *
 * @param requestsPerMinute the deployment's request quota for the whole run (all slices, all worker JVMs); unset: no
 *                          cap. Each worker JVM paces itself to its even share. See {@link RateCaps}.
 * @param tokensPerMinute   the deployment's token quota for the whole run, counted as prompt characters / 4 + max
 *                          tokens per chat call (more when the reply reports more); unset: no cap
 */
public record BackendSettings(
        Boolean adaptive,
        Integer initialConcurrency,
        Integer minConcurrency,
        Integer maxConcurrency,
        Duration callTimeout,
        Integer maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Double latencyTolerance,
        Float breakerFailureRate,
        Integer breakerWindow,
        Duration breakerOpenFor,
        Duration maxOutage,
        Integer requestsPerMinute,
        Integer tokensPerMinute) {

    static final String DEFAULTS = "defaults";

    public BackendSettings {
        // checked when the configuration is bound, not when the backend's first call needs its policy
        RateCaps.requirePositive("requests-per-minute", requestsPerMinute);
        RateCaps.requirePositive("tokens-per-minute", tokensPerMinute);
    }

    /** This backend's settings over {@code fallback}; what both leave unset comes from {@link BackendPolicy#adaptiveDefaults}. */
    BackendPolicy toPolicy(String backend, BackendSettings fallback) {
        BackendPolicy base = BackendPolicy.adaptiveDefaults(backend);
        BackendSettings f = fallback == null ? empty() : fallback;
        return new BackendPolicy(
                backend,
                pick(adaptive, f.adaptive, base.adaptive()),
                pick(initialConcurrency, f.initialConcurrency, base.initialConcurrency()),
                pick(minConcurrency, f.minConcurrency, base.minConcurrency()),
                pick(maxConcurrency, f.maxConcurrency, base.maxConcurrency()),
                pick(callTimeout, f.callTimeout, base.callTimeout()),
                pick(maxAttempts, f.maxAttempts, base.maxAttempts()),
                pick(initialBackoff, f.initialBackoff, base.initialBackoff()),
                pick(maxBackoff, f.maxBackoff, base.maxBackoff()),
                pick(latencyTolerance, f.latencyTolerance, base.latencyTolerance()),
                pick(breakerFailureRate, f.breakerFailureRate, base.breakerFailureRate()),
                pick(breakerWindow, f.breakerWindow, base.breakerWindow()),
                pick(breakerOpenFor, f.breakerOpenFor, base.breakerOpenFor()),
                pick(maxOutage, f.maxOutage, base.maxOutage()),
                new RateCaps(
                        pick(requestsPerMinute, f.requestsPerMinute, null),
                        pick(tokensPerMinute, f.tokensPerMinute, null)));
    }

    static BackendSettings empty() {
        return new BackendSettings(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static <T> T pick(T own, T fallback, T builtIn) {
        return own != null ? own : fallback != null ? fallback : builtIn;
    }
}
