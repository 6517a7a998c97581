package org.syncscope.stats;

/**
 * A running sum that keeps the low-order bits each addition loses in a second term (Knuth's
 * branch-free TwoSum, the error-free form of Kahan/Neumaier summation), so long runs of adds and
 * subtracts do not drift the way a plain double sum does. Mutable, allocation-free.
 */
final class CompensatedSum {

    private double sum;
    private double compensation;

    void add(double v) {
        double t = sum + v;
        double vPart = t - sum;
        // (sum - (t - vPart)) + (v - vPart) is exactly what t lost, whichever operand was larger
        compensation += (sum - (t - vPart)) + (v - vPart);
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
