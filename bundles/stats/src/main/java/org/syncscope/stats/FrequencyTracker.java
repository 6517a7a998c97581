package org.syncscope.stats;

/**
 * Update frequency of one PV from the timestamps of its updates: the instant frequency is
 * 1e9 / (t_k − t_(k−1)) Hz for timestamps in integer ns, and rolling statistics are kept over the
 * instant frequencies. A timestamp equal to or earlier than the previous accepted one (a repeated
 * or reordered update) is not a sample: it is counted in {@link #rejected()} and changes nothing
 * else. Allocation-free, not thread safe.
 */
public final class FrequencyTracker {

    private static final double NANOS_PER_SECOND = 1e9;

    private final RollingStats stats;
    private boolean hasPrevious;
    private long previous;
    private double instant = Double.NaN;
    private long rejected;

    /** @param window how many instant frequencies the statistics cover */
    public FrequencyTracker(int window) {
        this.stats = new RollingStats(window);
    }

    /**
     * Records an update stamped {@code timestampNanos}.
     *
     * @return true if it produced a new instant frequency (false for the first update and for
     *         rejected timestamps)
     */
    public boolean update(long timestampNanos) {
        if (!hasPrevious) {
            hasPrevious = true;
            previous = timestampNanos;
            return false;
        }
        if (timestampNanos <= previous) {
            rejected++;
            return false;
        }
        // A difference of longs, exact unless the stamps are ~292 years apart.
        long interval = Math.subtractExact(timestampNanos, previous);
        previous = timestampNanos;
        instant = NANOS_PER_SECOND / interval;
        stats.add(instant);
        return true;
    }

    /** The latest instant frequency in Hz; NaN before the second accepted update. */
    public double instant() {
        return instant;
    }

    /** Rolling statistics of the instant frequencies, in Hz. */
    public Stats stats() {
        return stats;
    }

    /** Timestamps refused because they were not later than the previous one. */
    public long rejected() {
        return rejected;
    }

    /** The last accepted timestamp; meaningful once an update arrived. */
    public long lastTimestamp() {
        return previous;
    }

    /**
     * Starts a new run of intervals, keeping the statistics: the next update is a baseline, not a
     * sample, so no interval spans a gap such as a disconnect. The next timestamp is not compared
     * with the ones before (a restarted IOC may stamp from a clock set back).
     */
    public void restart() {
        hasPrevious = false;
    }

    /** Forgets everything, including the rejected count. */
    public void reset() {
        stats.reset();
        hasPrevious = false;
        previous = 0;
        instant = Double.NaN;
        rejected = 0;
    }
}
