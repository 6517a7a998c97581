package org.syncscope.stats;

/**
 * Mean, min, max and population standard deviation of the last {@code window} samples.
 * {@link #add(double)} is O(1) amortised and allocates nothing; queries are O(1). Not thread safe.
 * Min and max come from {@link SlidingExtremes}, never from a rescan per sample.
 *
 * <p>Precision. Times since the epoch (~1.7e9 s, or ~1e18 ns) with small variations are the
 * normal input, and a naive sum of squares of such values cancels catastrophically. So the sums
 * are kept of deviations from a shift {@code k} that is one of the window's own samples, with
 * compensated (Neumaier) summation, so removing a sample undoes adding it far more closely than
 * plain summation would. The sums
 * are recomputed exactly from the window (re-choosing {@code k} as the newest sample) every
 * {@code window} adds, which bounds any drift (O(1) amortised). Compensation cannot save the small
 * values once much larger ones have passed through the sums (the rounding left behind scales with
 * the largest sum seen), so the sums are also recomputed as soon as the variance falls below
 * 1/10^6 of the largest mean square deviation seen since the last recompute:
 * the remaining error is then below 2^-52 · 10^6 ≈ 2e-10 of the variance. With
 * {@code k} a sample, Samuelson's inequality keeps the variance at least 1/n of the mean square
 * deviation right after a recompute, so recomputes cannot repeat back to back (for windows up to
 * 10^6).
 */
public final class RollingStats implements Stats {

    private static final double RISK_RATIO = 1e6;

    private final int window;
    private final double[] ring;
    private final SlidingExtremes extremes;
    private final CompensatedSum deviations = new CompensatedSum();
    private final CompensatedSum squares = new CompensatedSum();
    private double shift;
    private double peakSquares;
    private long added;
    private int next;
    private int newest;
    private int addsSinceRecompute;

    /**
     * @param window how many of the latest samples the statistics cover, at least 1
     */
    public RollingStats(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, got " + window);
        }
        this.window = window;
        this.ring = new double[window];
        this.extremes = new SlidingExtremes(ring);
    }

    /**
     * Adds a sample; the oldest leaves once the window is full.
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite (nothing is changed)
     */
    public void add(double value) {
        Samples.finite(value);
        double d = value - shift;
        if (added >= window) {
            // One compensated add per sum for the sample leaving and the one arriving.
            double leaving = ring[next] - shift;
            deviations.add(d - leaving);
            squares.add(d * d - leaving * leaving);
        } else {
            deviations.add(d);
            squares.add(d * d);
        }
        ring[next] = value;
        peakSquares = Math.max(peakSquares, squares.value());
        extremes.added(next);
        newest = next;
        next = next + 1 == window ? 0 : next + 1;
        added++;
        if (++addsSinceRecompute >= window || precisionAtRisk()) {
            recompute();
        }
    }

    /** Forgets every sample. */
    public void reset() {
        added = 0;
        next = 0;
        newest = 0;
        addsSinceRecompute = 0;
        shift = 0;
        peakSquares = 0;
        deviations.reset();
        squares.reset();
        extremes.clear();
    }

    /** The window size given at construction. */
    public int window() {
        return window;
    }

    /** Samples added since construction or the last reset (not capped at the window). */
    public long totalAdded() {
        return added;
    }

    @Override
    public long count() {
        return Math.min(added, window);
    }

    @Override
    public double mean() {
        long n = count();
        return n == 0 ? Double.NaN : shift + deviations.value() / n;
    }

    @Override
    public double min() {
        return extremes.min();
    }

    @Override
    public double max() {
        return extremes.max();
    }

    /** Population variance (ddof = 0); NaN when empty. */
    public double variance() {
        long n = count();
        if (n == 0) {
            return Double.NaN;
        }
        double m = deviations.value() / n;
        return Math.max(0, squares.value() / n - m * m);
    }

    @Override
    public double std() {
        return Math.sqrt(variance());
    }

    @Override
    public String toString() {
        return "RollingStats[n=" + count() + "/" + window + ", mean=" + mean() + ", min=" + min()
                + ", max=" + max() + ", std=" + std() + "]";
    }

    /**
     * True when rounding left by the largest sums since the last recompute could show in the
     * variance: variance · 10^6 &lt; peak / n, multiplied through by n² to avoid dividing.
     */
    private boolean precisionAtRisk() {
        double n = count();
        double s1 = deviations.value();
        double varianceTimesNSquared = squares.value() * n - s1 * s1;
        return peakSquares > 0 && varianceTimesNSquared * RISK_RATIO < peakSquares * n;
    }

    private void recompute() {
        addsSinceRecompute = 0;
        shift = ring[newest];
        deviations.reset();
        squares.reset();
        int n = (int) count();
        for (int i = 0; i < n; i++) {
            double d = ring[i] - shift;
            deviations.add(d);
            squares.add(d * d);
        }
        peakSquares = squares.value();
    }
}
