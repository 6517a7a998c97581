package org.syncscope.stats;

/**
 * Time difference between the updates of two PVs, A and B (A first in configuration order).
 *
 * <p>{@link #currentNanos()} is latest(A) − latest(B), defined once both have updated;
 * {@link #latestSample()} is the most recent pair sample, always within the statistics' min and
 * max. A pair
 * sample is taken when one PV updates while the other has an update not yet used in a pair
 * sample; each update is used in at most one sample, and the sample is latest(A) − latest(B).
 * So with A at 10 Hz and B at 1 Hz, every B update is paired exactly once, with the A update
 * just before or after it. Differences are taken in integer ns and converted to seconds once.
 * A timestamp not later than its own PV's previous one is rejected (counted, otherwise ignored),
 * so a repeated update never makes a second sample. Allocation-free, not thread safe.
 */
public final class PairDiffTracker {

    private static final double NANOS_PER_SECOND = 1e9;

    private final RollingStats stats;
    private final Side a = new Side();
    private final Side b = new Side();
    private long rejected;
    private double latestSample = Double.NaN;

    /** @param window how many pair samples the statistics cover */
    public PairDiffTracker(int window) {
        this.stats = new RollingStats(window);
    }

    /** Records an update of A; returns true if it completed a pair sample. */
    public boolean updateA(long timestampNanos) {
        return update(a, b, timestampNanos);
    }

    /** Records an update of B; returns true if it completed a pair sample. */
    public boolean updateB(long timestampNanos) {
        return update(b, a, timestampNanos);
    }

    /** Whether both PVs have updated, so {@link #currentNanos()} is defined. */
    public boolean hasCurrent() {
        return a.seen && b.seen;
    }

    /**
     * latest(A) − latest(B) in ns.
     *
     * @throws IllegalStateException before both PVs have updated
     */
    public long currentNanos() {
        if (!hasCurrent()) {
            throw new IllegalStateException("no current difference until both PVs have updated");
        }
        return Math.subtractExact(a.latest, b.latest);
    }

    /** latest(A) − latest(B) in seconds; NaN before both PVs have updated. */
    public double current() {
        return hasCurrent() ? currentNanos() / NANOS_PER_SECOND : Double.NaN;
    }

    /** The most recent pair sample in seconds; NaN before the first. */
    public double latestSample() {
        return latestSample;
    }

    /** Rolling statistics of the pair samples, in seconds. */
    public Stats stats() {
        return stats;
    }

    /** Timestamps refused because they were not later than their PV's previous one. */
    public long rejected() {
        return rejected;
    }

    /**
     * Starts pairing afresh, keeping the statistics: no update seen so far is used in a sample,
     * so no sample spans a gap such as a disconnect of either PV, and the next timestamps are not
     * compared with earlier ones (a restarted IOC may stamp from a clock set back).
     */
    public void restart() {
        a.clear();
        b.clear();
    }

    /** Forgets everything. */
    public void reset() {
        stats.reset();
        a.clear();
        b.clear();
        rejected = 0;
        latestSample = Double.NaN;
    }

    private boolean update(Side self, Side partner, long timestampNanos) {
        if (self.seen && timestampNanos <= self.latest) {
            rejected++;
            return false;
        }
        self.seen = true;
        self.latest = timestampNanos;
        if (partner.unused) {
            partner.unused = false;
            self.unused = false;
            latestSample = currentNanos() / NANOS_PER_SECOND;
            stats.add(latestSample);
            return true;
        }
        self.unused = true;
        return false;
    }

    /** One PV's latest update and whether it has been used in a pair sample yet. */
    private static final class Side {
        boolean seen;
        boolean unused;
        long latest;

        void clear() {
            seen = false;
            unused = false;
            latest = 0;
        }
    }
}
