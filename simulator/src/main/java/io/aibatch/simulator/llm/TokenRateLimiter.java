package io.aibatch.simulator.llm;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * Azure OpenAI's tokens-per-minute quota as a sliding 60-second window. A request is charged its estimate
 * (prompt tokens + max_tokens, as Azure estimates it) when it arrives; if that would exceed the quota it is
 * refused and told how long until enough of the window has expired.
 */
public final class TokenRateLimiter {

    private static final long WINDOW_NANOS = 60_000_000_000L;

    private record Charge(long atNanos, long tokens) {}

    private final long tokensPerMinute;
    private final LongSupplier clock;
    private final Deque<Charge> window = new ArrayDeque<>();
    private long used;

    public TokenRateLimiter(long tokensPerMinute, LongSupplier nanoClock) {
        this.tokensPerMinute = tokensPerMinute;
        this.clock = nanoClock;
    }

    /** @return 0 when charged, else milliseconds until the request would fit (never charged then) */
    public synchronized long tryCharge(long tokens) {
        if (tokensPerMinute <= 0) {
            return 0;
        }
        long now = clock.getAsLong();
        expire(now);
        if (used + tokens <= tokensPerMinute) {
            window.addLast(new Charge(now, tokens));
            used += tokens;
            return 0;
        }
        if (tokens > tokensPerMinute) {
            return WINDOW_NANOS / 1_000_000; // can never fit; Azure still says "retry after" the window
        }
        long free = tokensPerMinute - used;
        for (Charge c : window) {
            free += c.tokens();
            if (free >= tokens) {
                return Math.max(1, (c.atNanos() + WINDOW_NANOS - now + 999_999) / 1_000_000);
            }
        }
        return WINDOW_NANOS / 1_000_000;
    }

    /** Tokens left in the current window, for the x-ratelimit-remaining-tokens header. */
    public synchronized long remaining() {
        if (tokensPerMinute <= 0) {
            return Long.MAX_VALUE;
        }
        expire(clock.getAsLong());
        return Math.max(0, tokensPerMinute - used);
    }

    public synchronized void reset() {
        window.clear();
        used = 0;
    }

    private void expire(long now) {
        while (!window.isEmpty() && now - window.peekFirst().atNanos() >= WINDOW_NANOS) {
            used -= window.pollFirst().tokens();
        }
    }
}
