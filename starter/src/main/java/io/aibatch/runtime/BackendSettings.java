package io.aibatch.runtime;

import io.aibatch.resilience.BackendPolicy;
import java.time.Duration;

/**
 * {@code aibatch.backends.<name>.*}: how one backend is driven. Unset fields take the value of
 * {@code aibatch.backends.defaults}, then the built-in default. See {@link BackendPolicy} for what each means.
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
        Duration maxOutage) {

    static final String DEFAULTS = "defaults";

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
                pick(maxOutage, f.maxOutage, base.maxOutage()));
    }

    static BackendSettings empty() {
        return new BackendSettings(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static <T> T pick(T own, T fallback, T builtIn) {
        return own != null ? own : fallback != null ? fallback : builtIn;
    }
}
