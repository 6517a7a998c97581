package org.syncscope.timestamp.internal;

/**
 * When the sync rounds are due: on a grid of exactly one sync period from the first round, so
 * neither an early wake-up nor a round that took a while shifts the next (a once-a-second tick
 * testing "a period has passed" skipped whole rounds: 1 s ran as ~1.6 s). A round that overran a
 * grid point skips it rather than running twice in a row. A new period restarts the grid.
 */
final class SyncSchedule {

    private long periodNanos;
    private long due;
    private long skipped;

    /** The first round runs at {@code mono}; the grid has {@code periodNanos} spacing. */
    synchronized void start(long mono, long periodNanos) {
        this.periodNanos = periodNanos;
        this.due = mono;
        this.skipped = 0;
    }

    /** A round that was due ran and ended at {@code mono}: ns until the next grid point. */
    synchronized long next(long mono) {
        due += periodNanos;
        while (due <= mono) {
            due += periodNanos;
            skipped++;
        }
        return due - mono;
    }

    synchronized long periodNanos() {
        return periodNanos;
    }

    /** Grid points skipped because a round overran them. */
    synchronized long skipped() {
        return skipped;
    }
}
