package io.aibatch.report;

import java.util.Arrays;

/**
 * Amounts per time bucket, aligned on the epoch so that series recorded by different slices, processes and pods
 * add up bucket by bucket. The bucket width starts at {@link #BASE_SECONDS} and doubles whenever the series would
 * need more than {@link #MAX_BUCKETS} buckets, so a series stays small however long the run lasts (a 10-hour run
 * ends with 256-second buckets). Widths are powers of two times the base, so a wider bucket is always the union
 * of whole narrower ones and merging never splits a bucket.
 * <p>
 * Immutable; {@link Builder} records. Used for items completed over time and a backend's busy time over time.
 *
 * @param startSecond   epoch second of the first bucket's start (a multiple of {@code bucketSeconds}); 0 when empty
 * @param bucketSeconds width of each bucket
 * @param values        amount per bucket
 */
public record TimeSeries(long startSecond, long bucketSeconds, long[] values) {

    public static final long BASE_SECONDS = 1;
    public static final int MAX_BUCKETS = 256;
    public static final TimeSeries EMPTY = new TimeSeries(0, BASE_SECONDS, new long[0]);

    public TimeSeries {
        values = values == null ? new long[0] : values.clone();
    }

    public boolean isEmpty() {
        return values.length == 0;
    }

    public long total() {
        return Arrays.stream(values).sum();
    }

    public long max() {
        return Arrays.stream(values).max().orElse(0);
    }

    /** The same amounts in buckets of {@code width} seconds (a power-of-two multiple of the current width). */
    public TimeSeries widen(long width) {
        if (width == bucketSeconds || isEmpty()) {
            return new TimeSeries(isEmpty() ? 0 : startSecond, width, values);
        }
        if (width < bucketSeconds || width % bucketSeconds != 0) {
            throw new IllegalArgumentException(
                    "cannot re-bucket " + bucketSeconds + " s buckets into " + width + " s buckets");
        }
        long start = Math.floorDiv(startSecond, width) * width;
        long end = startSecond + (long) values.length * bucketSeconds;
        int buckets = (int) ((end - start + width - 1) / width);
        long[] wider = new long[buckets];
        for (int i = 0; i < values.length; i++) {
            long second = startSecond + (long) i * bucketSeconds;
            wider[(int) ((second - start) / width)] += values[i];
        }
        return new TimeSeries(start, width, wider);
    }

    /** Bucket-wise sum; the result has the wider of the two widths (and more if the span needs it). */
    public TimeSeries plus(TimeSeries other) {
        if (other == null || other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        Builder builder = new Builder(this);
        builder.addAll(other);
        return builder.snapshot();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeSeries t
                && t.startSecond == startSecond
                && t.bucketSeconds == bucketSeconds
                && Arrays.equals(t.values, values);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(startSecond) * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "TimeSeries[start=" + startSecond + ", width=" + bucketSeconds + ", values=" + Arrays.toString(values)
                + "]";
    }

    /** Records amounts at points and over intervals of time; not thread-safe (callers lock). */
    public static final class Builder {

        private long start;
        private long width;
        private long[] values;
        private int used;

        public Builder() {
            this(EMPTY);
        }

        public Builder(TimeSeries from) {
            start = from.startSecond;
            width = from.bucketSeconds;
            values = Arrays.copyOf(from.values, Math.max(16, from.values.length));
            used = from.values.length;
        }

        /** Adds {@code amount} to the bucket holding {@code epochMillis}. */
        public void add(long epochMillis, long amount) {
            int i = index(Math.floorDiv(epochMillis, 1000)); // before reading 'values': index() may replace the array
            values[i] += amount;
        }

        /**
         * Spreads the milliseconds of {@code [fromMillis, toMillis)} over the buckets it overlaps: summed, a bucket
         * holds the time something was busy in it, so busy millis / bucket millis is the average concurrency.
         */
        public void addBusy(long fromMillis, long toMillis) {
            if (toMillis <= fromMillis) {
                return;
            }
            // make room for both ends first: widening after the first index would move buckets
            index(Math.floorDiv(fromMillis, 1000));
            index(Math.floorDiv(toMillis - 1, 1000));
            long t = fromMillis;
            while (t < toMillis) {
                long second = Math.floorDiv(t, 1000);
                long bucketEndMillis = (Math.floorDiv(second, width) * width + width) * 1000;
                long until = Math.min(toMillis, bucketEndMillis);
                int i = index(second);
                values[i] += until - t;
                t = until;
            }
        }

        public void addAll(TimeSeries other) {
            if (other.isEmpty()) {
                return;
            }
            long common = Math.max(width, other.bucketSeconds);
            while (width < common) {
                widen();
            }
            TimeSeries aligned = other.widen(common);
            index(aligned.startSecond);
            index(aligned.startSecond + (long) (aligned.values.length - 1) * aligned.bucketSeconds);
            for (int i = 0; i < aligned.values.length; i++) {
                int at = index(aligned.startSecond + (long) i * aligned.bucketSeconds);
                values[at] += aligned.values[i];
            }
        }

        public TimeSeries snapshot() {
            return used == 0 ? EMPTY : new TimeSeries(start, width, Arrays.copyOf(values, used));
        }

        /** The bucket of {@code second}, growing (and widening) the series to hold it. */
        private int index(long second) {
            if (used == 0) {
                start = Math.floorDiv(second, width) * width;
                used = 1;
                return 0;
            }
            while (true) {
                long first = Math.min(start, Math.floorDiv(second, width) * width);
                long end = Math.max(start + used * width, (Math.floorDiv(second, width) + 1) * width);
                long needed = (end - first) / width;
                if (needed <= MAX_BUCKETS) {
                    if (first < start) {
                        int shift = (int) ((start - first) / width);
                        long[] moved = new long[Math.max(values.length, (int) needed)];
                        System.arraycopy(values, 0, moved, shift, used);
                        values = moved;
                        used += shift;
                        start = first;
                    }
                    int index = (int) ((second - start) / width);
                    if (index >= values.length) {
                        values = Arrays.copyOf(values, Math.max(index + 1, Math.min(MAX_BUCKETS, values.length * 2)));
                    }
                    used = Math.max(used, index + 1);
                    return index;
                }
                widen();
            }
        }

        private void widen() {
            long wider = width * 2;
            TimeSeries widened = new TimeSeries(start, width, Arrays.copyOf(values, used)).widen(wider);
            start = widened.startSecond;
            width = wider;
            values = Arrays.copyOf(widened.values, Math.max(16, widened.values.length));
            used = widened.values.length;
        }
    }
}
