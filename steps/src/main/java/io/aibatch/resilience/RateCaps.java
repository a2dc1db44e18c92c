package io.aibatch.resilience;

/**
 * The most one backend (one deployment) may be sent per minute, as its provider's quota states it: Azure OpenAI
 * deployments have a requests-per-minute and a tokens-per-minute limit, and going over them only earns 429s. A null cap
 * means no cap. The caps are for the whole run; {@link #sharedAmong} gives one worker JVM its part.
 *
 * @param requestsPerMinute calls (attempts, retries included) per minute, or null
 * @param tokensPerMinute   tokens per minute as estimated before each chat call (prompt characters / 4 + max tokens),
 *                          or null
 */
public record RateCaps(Integer requestsPerMinute, Integer tokensPerMinute) {

    public static final RateCaps NONE = new RateCaps(null, null);

    public RateCaps {
        requirePositive("requests-per-minute", requestsPerMinute);
        requirePositive("tokens-per-minute", tokensPerMinute);
    }

    /** One line naming the key and the value, so that a mistyped configuration is fixed at once. */
    public static void requirePositive(String key, Integer value) {
        if (value != null && value < 1) {
            throw new IllegalArgumentException(
                    key + " must be a positive whole number (leave it unset for no cap), got " + value);
        }
    }

    public boolean capped() {
        return requestsPerMinute != null || tokensPerMinute != null;
    }

    /**
     * This JVM's part when {@code jvms} worker JVMs run at once and each paces itself: the caps divided evenly, rounded
     * down so that together they stay within the caps, but at least 1 so that every worker can make progress.
     */
    public RateCaps sharedAmong(int jvms) {
        if (jvms < 1) {
            throw new IllegalArgumentException("worker JVMs must be at least 1, got " + jvms);
        }
        return new RateCaps(share(requestsPerMinute, jvms), share(tokensPerMinute, jvms));
    }

    private static Integer share(Integer cap, int jvms) {
        return cap == null ? null : Math.max(1, cap / jvms);
    }
}
