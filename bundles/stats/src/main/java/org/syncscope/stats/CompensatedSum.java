package org.syncscope.stats;

/**
 * A running sum with Neumaier compensation: the low-order bits each addition loses are kept in a
 * second term, so adding and later subtracting the same values returns to the exact starting sum
 * (to about 2^-106 relative) instead of drifting. Mutable, allocation-free.
 */
final class CompensatedSum {

    private double sum;
    private double compensation;

    void add(double v) {
        double t = sum + v;
        if (Math.abs(sum) >= Math.abs(v)) {
            compensation += (sum - t) + v;
        } else {
            compensation += (v - t) + sum;
        }
        sum = t;
    }

    double value() {
        return sum + compensation;
    }

    void reset() {
        sum = 0;
        compensation = 0;
    }
}
