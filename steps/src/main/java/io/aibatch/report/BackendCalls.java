package io.aibatch.report;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * What one slice (or, merged, a whole run) saw of one backend: attempts by outcome, the latency of successful
 * attempts as an HdrHistogram (microseconds, 2 significant digits — values within 1 % — so a histogram stays a few KB, compressed and base64-encoded so it can sit in
 * an ExecutionContext and be merged exactly), and busy time per time bucket (for the achieved concurrency).
 *
 * @param calls     attempts, retries included
 * @param successes attempts that succeeded
 * @param retries   attempts after an item's first (attempt number &gt; 1)
 * @param throttled attempts the backend refused for load (429, 503 with Retry-After)
 * @param timeouts  attempts without a reply within the call timeout
 * @param transientFailures 5xx, dropped connections, malformed replies
 * @param permanentFailures the backend refused the item (4xx)
 * @param latency   base64 of the compressed histogram of successful attempts' latency in microseconds; empty when none
 * @param busyMillis milliseconds spent in attempts per time bucket
 * @param steadyLatency like {@code latency}, of the attempts that ended after the warm-up ({@link WarmUp})
 */
public record BackendCalls(
        long calls,
        long successes,
        long retries,
        long throttled,
        long timeouts,
        long transientFailures,
        long permanentFailures,
        String latency,
        TimeSeries busyMillis,
        String steadyLatency) {

    public BackendCalls {
        latency = latency == null ? "" : latency;
        steadyLatency = steadyLatency == null ? "" : steadyLatency; // saved before steady-state latency existed
        busyMillis = busyMillis == null ? TimeSeries.EMPTY : busyMillis;
    }

    /** Latencies above an hour are clamped: no backend call should take longer, and the histogram stays bounded. */
    static final long MAX_MICROS = 3_600_000_000L;

    public static BackendCalls empty() {
        return new BackendCalls(0, 0, 0, 0, 0, 0, 0, "", TimeSeries.EMPTY, "");
    }

    public static Histogram newHistogram() {
        return new Histogram(2); // auto-resizing: sized by the largest latency seen, not by a fixed bound
    }

    public Histogram histogram() {
        return decode(latency);
    }

    public Histogram steadyHistogram() {
        return decode(steadyLatency);
    }

    public BackendCalls plus(BackendCalls other) {
        Histogram merged = histogram();
        merged.add(other.histogram());
        Histogram steady = steadyHistogram();
        steady.add(other.steadyHistogram());
        return new BackendCalls(
                calls + other.calls,
                successes + other.successes,
                retries + other.retries,
                throttled + other.throttled,
                timeouts + other.timeouts,
                transientFailures + other.transientFailures,
                permanentFailures + other.permanentFailures,
                encode(merged),
                busyMillis.plus(other.busyMillis),
                encode(steady));
    }

    static String encode(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return "";
        }
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    static Histogram decode(String base64) {
        if (base64 == null || base64.isEmpty()) {
            return newHistogram();
        }
        try {
            Histogram decoded = Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
            decoded.setAutoResize(true);
            return decoded;
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new IllegalStateException("a slice's latency histogram cannot be decoded: " + e.getMessage(), e);
        }
    }
}
