package org.syncscope.stats;

/** Input checks shared by the statistics classes. */
final class Samples {

    private Samples() {
    }

    /** Refuses NaN and infinities, naming the value: one bad sample would poison every statistic. */
    static double finite(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("sample " + value + " is not a finite number");
        }
        return value;
    }
}
