package io.aibatch.resilience;

import com.netflix.concurrency.limits.limit.AbstractLimit;

/**
 * Additive-increase / multiplicative-decrease over a window, as TCP does, with a latency guard.
 * <p>
 * Why not the library's AIMDLimit: it adds 1 to the limit for every successful call, so at a
 * backend's capacity the limit climbs back over it within a handful of calls and roughly one call
 * in six is throttled. Here the limit grows by 1 per window of {@code limit} successful calls (one
 * per round trip), so the time above capacity, and with it the share of 429s, stays small.
 * <ul>
 * <li>slow start: until the first congestion signal the limit grows by 1 per success (doubles per round trip);</li>
 * <li>congestion = a dropped call (429, 503, timeout) or smoothed latency above {@code tolerance} × baseline,
 *     where the baseline is the lowest smoothed latency seen (drifting up slowly so it can follow a slower model);</li>
 * <li>on congestion the limit is multiplied by 0.9, at most once per round trip: calls that started
 *     before the last decrease cannot cause another one.</li>
 * </ul>
 */
public final class AimdLimit extends AbstractLimit {

    private static final double BACKOFF_RATIO = 0.9;
    private static final double SHORT_EWMA = 2.0 / (50 + 1);
    private static final double BASELINE_DRIFT = 0.001;

    private final int min;
    private final int max;
    private final double tolerance;
    private double estimate;
    private boolean slowStart = true;
    private long lastDecrease = Long.MIN_VALUE;
    private double shortRtt = Double.NaN;
    private double baselineRtt = Double.NaN;

    public AimdLimit(int initial, int min, int max, double tolerance) {
        super(initial);
        this.min = min;
        this.max = max;
        this.tolerance = tolerance;
        this.estimate = initial;
    }

    @Override
    protected int _update(long startTime, long rtt, int inflight, boolean didDrop) {
        boolean slow = !didDrop && latencyCongested(rtt);
        if (didDrop || slow) {
            if (startTime > lastDecrease) {
                estimate = Math.max(min, estimate * BACKOFF_RATIO);
                lastDecrease = System.nanoTime();
                slowStart = false;
            }
        } else if (inflight * 2 >= estimate) {
            // grow only when the current limit is actually used
            estimate = Math.min(max, estimate + (slowStart ? 1.0 : 1.0 / estimate));
        }
        return (int) Math.round(estimate);
    }

    private boolean latencyCongested(long rtt) {
        shortRtt = Double.isNaN(shortRtt) ? rtt : shortRtt + SHORT_EWMA * (rtt - shortRtt);
        if (Double.isNaN(baselineRtt) || shortRtt < baselineRtt) {
            baselineRtt = shortRtt;
        } else {
            baselineRtt += BASELINE_DRIFT * (shortRtt - baselineRtt);
        }
        return shortRtt > tolerance * baselineRtt;
    }
}
