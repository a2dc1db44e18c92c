package io.aibatch.report;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When a run's warm-up in this process is over: JVM start, model loading, connection pools and the first in-flight window
 * make the first items slow, and a rate or latency that includes them compares a cold profile with a warm one.
 * Steady-state numbers (throughput and latency) count only what happens after the warm-up.
 * <p>
 * The rule: the first {@code items} committed items, or the first {@code seconds} after the run started in this process,
 * whichever the run asked for; by default the warm-up ends with the first committed chunk (process start to first
 * committed item). Shared by every slice of one job execution in this JVM (a run spread over processes warms up in each).
 */
public final class WarmUp {

    /** Run options (set by {@code compare --warm-up-items/--warm-up-seconds}). */
    public static final String ITEMS_OPTION = "warmUpItems", SECONDS_OPTION = "warmUpSeconds";

    private static final Map<Long, WarmUp> BY_EXECUTION = new ConcurrentHashMap<>();

    private final long items;
    private final double seconds;
    private final long startMillis;
    private final AtomicLong committed = new AtomicLong();
    private volatile long endMillis = -1;

    /**
     * @param items   warm-up items (used when {@code seconds} is 0); at least 1
     * @param seconds warm-up seconds from {@code startMillis}, or 0 for the item rule
     */
    public WarmUp(long items, double seconds, long startMillis) {
        if (items < 0 || seconds < 0 || Double.isNaN(seconds)) {
            throw new IllegalArgumentException(
                    "warm-up items and seconds must be >= 0, got " + items + " items, " + seconds + " s");
        }
        this.items = Math.max(1, items);
        this.seconds = seconds;
        this.startMillis = startMillis;
    }

    /** The default: warm until the first committed item. */
    public static WarmUp firstCommit(long startMillis) {
        return new WarmUp(1, 0, startMillis);
    }

    /** The warm-up of one job execution in this JVM, created by its first slice. */
    public static WarmUp forExecution(long jobExecutionId, String items, String seconds, long nowMillis) {
        return BY_EXECUTION.computeIfAbsent(
                jobExecutionId, id -> new WarmUp(parse(items, "warm-up items"), parseSeconds(seconds), nowMillis));
    }

    /** Whether a call or a commit at {@code nowMillis} is in the steady state. */
    public boolean over(long nowMillis) {
        if (endMillis >= 0) {
            return nowMillis >= endMillis;
        }
        if (seconds > 0 ? nowMillis >= startMillis + (long) (seconds * 1000) : committed.get() >= items) {
            synchronized (this) {
                if (endMillis < 0) {
                    endMillis = seconds > 0 ? startMillis + (long) (seconds * 1000) : nowMillis;
                }
            }
            return nowMillis >= endMillis;
        }
        return false;
    }

    /** Items committed at {@code nowMillis}; with the item rule, the commit that reaches the count ends the warm-up. */
    public void committed(long count, long nowMillis) {
        committed.addAndGet(count);
        over(nowMillis);
    }

    /** When the warm-up ended, or -1 while it lasts. */
    public long endMillis() {
        return endMillis;
    }

    /** In words, for reports: "the first 50 items", "the first 30 s", "until the first committed item". */
    public String describe() {
        return describe(items, seconds);
    }

    public static String describe(long items, double seconds) {
        if (seconds > 0) {
            return "the first "
                    + (seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds)) + " s";
        }
        return items <= 1 ? "until the first committed item" : "the first " + items + " committed items";
    }

    private static long parse(String value, String what) {
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number, got '" + value + "'");
        }
    }

    private static double parseSeconds(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("warm-up seconds must be a number, got '" + value + "'");
        }
    }
}
