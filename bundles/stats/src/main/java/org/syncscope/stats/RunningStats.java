package org.syncscope.stats;

/**
 * Statistics over every sample since construction or the last {@link #reset()}: count, sum,
 * mean, min, max and standard deviation. For fixed-period and accumulate-until-compute averages.
 * The sum is compensated (Neumaier); the variance uses Welford's update on the deviations from
 * the first sample, which does not cancel when the values are large and close together: a
 * Welford mean of the raw values (~1.7e9 s since the epoch) is rounded to 2.4e-7 each add, which
 * cost a millisecond jitter's standard deviation its fifth digit; the deviations from a sample
 * are exact there. O(1) per add, allocation-free, not thread safe.
 */
public final class RunningStats implements Stats {

    private final CompensatedSum sum = new CompensatedSum();
    private long count;
    /** The first sample since the reset: Welford runs on {@code value - shift}. */
    private double shift;
    private double welfordMean;
    private double m2;
    private double min = Double.NaN;
    private double max = Double.NaN;

    /**
     * Adds a sample.
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite (nothing is changed)
     */
    public void add(double value) {
        Samples.finite(value);
        count++;
        sum.add(value);
        if (count == 1) {
            shift = value;
        }
        double x = value - shift;
        double delta = x - welfordMean;
        welfordMean += delta / count;
        m2 += delta * (x - welfordMean);
        if (count == 1) {
            min = value;
            max = value;
        } else {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
    }

    /** Forgets every sample. */
    public void reset() {
        sum.reset();
        count = 0;
        shift = 0;
        welfordMean = 0;
        m2 = 0;
        min = Double.NaN;
        max = Double.NaN;
    }

    @Override
    public long count() {
        return count;
    }

    /** Sum of the samples; 0 when empty. */
    public double sum() {
        return sum.value();
    }

    @Override
    public double mean() {
        return count == 0 ? Double.NaN : sum.value() / count;
    }

    @Override
    public double min() {
        return min;
    }

    @Override
    public double max() {
        return max;
    }

    /** Population variance (ddof = 0); NaN when empty. */
    public double variance() {
        return count == 0 ? Double.NaN : Math.max(0, m2 / count);
    }

    @Override
    public double std() {
        return Math.sqrt(variance());
    }

    /** Sample standard deviation (divides by n − 1, ddof = 1); NaN with fewer than 2 samples. */
    public double sampleStd() {
        return count < 2 ? Double.NaN : Math.sqrt(Math.max(0, m2 / (count - 1)));
    }

    @Override
    public String toString() {
        return "RunningStats[n=" + count + ", sum=" + sum() + ", mean=" + mean() + ", min=" + min
                + ", max=" + max + ", std=" + std() + "]";
    }
}
