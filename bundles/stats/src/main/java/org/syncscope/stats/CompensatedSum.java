package org.syncscope.stats;

/**
 * A running sum that keeps the low-order bits each addition loses in a second term (Knuth's
 * branch-free TwoSum, the error-free form of Kahan/Neumaier summation), so long runs of adds and
 * subtracts do not drift the way a plain double sum does. Mutable, allocation-free, not thread
 * safe. For a sum or mean alone, cheaper than {@link RunningStats} (no variance, no division).
 */
public final class CompensatedSum {

    private double sum;
    private double compensation;

    /** Adds {@code v}: a finite value (a NaN or an infinity makes the sum NaN). */
    public void add(double v) {
        double t = sum + v;
        double vPart = t - sum;
        // (sum - (t - vPart)) + (v - vPart) is exactly what t lost, whichever operand was larger
        compensation += (sum - (t - vPart)) + (v - vPart);
        sum = t;
    }

    /** The sum of every value added since construction or the last {@link #reset()}. */
    public double value() {
        return sum + compensation;
    }

    /** Back to 0. */
    public void reset() {
        sum = 0;
        compensation = 0;
    }
}
