package org.syncscope.stats;

import java.util.Arrays;

/**
 * Minimum and maximum of a sliding window in O(1) per sample without data-dependent branches
 * (the van Herk / Gil–Werman scheme). The window is a ring buffer filled in passes; at slot
 * {@code p} it holds the current pass's slots 0..p and the previous pass's slots p+1..w−1. So
 * the extreme is the better of a running prefix extreme of the current pass and a suffix extreme
 * of the previous one, and the suffix extremes are computed once per pass, when it completes:
 * three comparisons per sample in all, against the unpredictable pop loops of a monotonic deque
 * (which cost ~30 ns per sample here on random data). Allocation-free after construction.
 */
final class SlidingExtremes {

    private final double[] ring;
    /** suffixMax[i] = max of the previous pass's slots i..w−1; suffixMax[w] = −∞. */
    private final double[] suffixMax;
    private final double[] suffixMin;
    private double prefixMax;
    private double prefixMin;
    private int newest = -1;

    SlidingExtremes(double[] ring) {
        this.ring = ring;
        this.suffixMax = new double[ring.length + 1];
        this.suffixMin = new double[ring.length + 1];
        clear();
    }

    /** The sample just written to {@code slot}, which is 0 after the last slot of a pass. */
    void added(int slot) {
        double v = ring[slot];
        if (slot == 0) {
            prefixMax = v;
            prefixMin = v;
        } else {
            prefixMax = v > prefixMax ? v : prefixMax;
            prefixMin = v < prefixMin ? v : prefixMin;
        }
        newest = slot;
        if (slot == ring.length - 1) {
            passCompleted();
        }
    }

    /** Maximum of the window; NaN when empty. */
    double max() {
        if (newest < 0) {
            return Double.NaN;
        }
        double older = suffixMax[newest + 1];
        return older > prefixMax ? older : prefixMax;
    }

    /** Minimum of the window; NaN when empty. */
    double min() {
        if (newest < 0) {
            return Double.NaN;
        }
        double older = suffixMin[newest + 1];
        return older < prefixMin ? older : prefixMin;
    }

    void clear() {
        Arrays.fill(suffixMax, Double.NEGATIVE_INFINITY);
        Arrays.fill(suffixMin, Double.POSITIVE_INFINITY);
        newest = -1;
    }

    private void passCompleted() {
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (int i = ring.length - 1; i >= 0; i--) {
            double v = ring[i];
            max = v > max ? v : max;
            min = v < min ? v : min;
            suffixMax[i] = max;
            suffixMin[i] = min;
        }
    }
}
