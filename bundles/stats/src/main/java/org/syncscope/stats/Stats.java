package org.syncscope.stats;

/**
 * Read-only view of a set of statistics. With no samples, {@link #mean()}, {@link #min()},
 * {@link #max()} and {@link #std()} are NaN.
 */
public interface Stats {

    /** Samples the statistics are over. */
    long count();

    /** Arithmetic mean. */
    double mean();

    /** Smallest sample. */
    double min();

    /** Largest sample. */
    double max();

    /**
     * Population standard deviation (divides by n, ddof = 0, as numpy's {@code std} does by
     * default); 0 for a single sample.
     */
    double std();
}
