package io.aibatch.resilience;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one backend's calls from this JVM within its {@link RateCaps}: one request permit per attempt and, for chat
 * calls, the attempt's estimated tokens. Built on resilience4j's {@link RateLimiter}: permits are reserved
 * ({@link RateLimiter#reservePermission(int)}), never waited for on a thread, and the attempt goes on when its
 * reservation comes due. The backend executor asks here before the concurrency gate, the circuit breaker and the
 * latency clock, so that a capped backend neither looks slow nor fails.
 * <p>
 * Each cap refills about every second with a second's worth (cap / 60, at least 1; the period is stretched to
 * {@code 60 s × that / cap} so the rate is the cap exactly): after an idle spell at most one second's worth goes out at
 * once, which stays within limits that are evaluated over 1 or 10 second windows (Azure OpenAI's are). A call needing
 * more token permits than one refill brings waits for as many refills as it needs.
 * <p>
 * Tokens are estimated before the call; when the reply reports more than estimated, {@link #settle} takes the
 * difference too (the next calls wait for it). An estimate above the usage is not given back: a RateLimiter has no way
 * to return permits, and Azure OpenAI counts a request the same way (prompt plus {@code max_tokens}) when it admits it.
 */
final class RatePacer {

    static final RatePacer NONE = new RatePacer("none", RateCaps.NONE);

    /** Longer than any reservation can be: a reservation is only refused when it would have to wait longer. */
    private static final Duration NEVER_REFUSE = Duration.ofDays(365);

    private final RateLimiter requests;
    private final RateLimiter tokens;

    RatePacer(String backend, RateCaps caps) {
        this.requests =
                caps.requestsPerMinute() == null ? null : perMinute(backend + "-requests", caps.requestsPerMinute());
        this.tokens = caps.tokensPerMinute() == null ? null : perMinute(backend + "-tokens", caps.tokensPerMinute());
    }

    /**
     * Completes (on {@code executor}) once a request permit and {@code estimatedTokens} token permits are this call's;
     * at once when the backend has no cap or permits are there.
     */
    CompletableFuture<Void> admit(long estimatedTokens, Executor executor) {
        if (requests == null && tokens == null) {
            return CompletableFuture.completedFuture(null);
        }
        long waitNanos = 0;
        if (requests != null) {
            waitNanos = requests.reservePermission(1);
        }
        if (tokens != null && estimatedTokens > 0) {
            waitNanos = Math.max(waitNanos, tokens.reservePermission(permits(estimatedTokens)));
        }
        if (waitNanos == 0) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(
                () -> {}, CompletableFuture.delayedExecutor(Math.max(0, waitNanos), TimeUnit.NANOSECONDS, executor));
    }

    /** The reply used more tokens than estimated: the difference is taken now, later calls wait for it. */
    void settle(long estimatedTokens, long usedTokens) {
        if (tokens != null && usedTokens > estimatedTokens) {
            tokens.reservePermission(permits(usedTokens - estimatedTokens));
        }
    }

    private static RateLimiter perMinute(String name, int perMinute) {
        int perPeriod = Math.max(1, perMinute / 60);
        long periodNanos = ceilDiv(TimeUnit.MINUTES.toNanos(1) * perPeriod, perMinute);
        return RateLimiter.of(
                name,
                RateLimiterConfig.custom()
                        .limitForPeriod(perPeriod)
                        .limitRefreshPeriod(Duration.ofNanos(periodNanos))
                        .timeoutDuration(NEVER_REFUSE)
                        .build());
    }

    private static int permits(long tokens) {
        return (int) Math.min(Integer.MAX_VALUE, tokens);
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }
}
