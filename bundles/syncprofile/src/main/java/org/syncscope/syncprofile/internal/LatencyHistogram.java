package org.syncscope.syncprofile.internal;

import java.util.Arrays;

/**
 * Latencies of one period in logarithmic buckets (8 per power of two, so within 9 %), for the
 * p50 and p99 a profile serves: one array increment per update, nothing allocated.
 */
final class LatencyHistogram {

    private static final int SUB_BITS = 3;
    private static final int BUCKETS = 64 << SUB_BITS;
    private final long[] counts = new long[BUCKETS];
    private long total;

    /** Adds a latency in ns (negative ones, from a source clock ahead of ours, count as 0). */
    void record(long nanos) {
        counts[bucket(Math.max(0, nanos))]++;
        total++;
    }

    long count() {
        return total;
    }

    /** The latency below which {@code q} (0..1) of the recorded ones lie, in seconds; NaN when empty. */
    double quantileSeconds(double q) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int b = 0; b < BUCKETS; b++) {
            seen += counts[b];
            if (seen >= Math.max(1, rank)) {
                return upperBound(b) / 1e9;
            }
        }
        return upperBound(BUCKETS - 1) / 1e9;
    }

    void reset() {
        Arrays.fill(counts, 0);
        total = 0;
    }

    private static int bucket(long v) {
        if (v < (1L << SUB_BITS)) {
            return (int) v;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(v);
        int sub = (int) (v >>> (exponent - SUB_BITS)) & ((1 << SUB_BITS) - 1);
        return ((exponent - SUB_BITS + 1) << SUB_BITS) + sub;
    }

    /** The largest value of bucket {@code b}. */
    private static long upperBound(int b) {
        if (b < (1 << SUB_BITS)) {
            return b;
        }
        int exponent = (b >>> SUB_BITS) + SUB_BITS - 1;
        long sub = b & ((1 << SUB_BITS) - 1);
        long low = (1L << exponent) + (sub << (exponent - SUB_BITS));
        return low + (1L << (exponent - SUB_BITS)) - 1;
    }
}
