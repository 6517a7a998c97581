package org.syncscope.timestamp.internal;

/**
 * A slave following its master (drvTS TSsyncTheTime for a soft slave, TSsyncClient for a
 * synchronous one): which master a soft slave follows (its samples go to the {@link ClockLoop}),
 * and the master's sync times a synchronous slave heard before its own sync event.
 */
final class MasterFollower {

    private static final long NEVER = Long.MIN_VALUE / 2;

    private String masterAddress = "";
    private long lastMasterMono = NEVER;
    private long lastRoundTrip;
    private long pendingSync;
    private long pendingSyncMono = NEVER;
    private long syncSteps;

    /** A filtered sample of the master is about to go to the clock loop. */
    synchronized void sampled(long roundTripNanos, String master, long mono) {
        lastRoundTrip = roundTripNanos;
        masterAddress = master;
        lastMasterMono = mono;
    }

    /** Whether a master answered within the last two sync periods. */
    synchronized boolean follows(long mono, long periodNanos) {
        return mono - lastMasterMono <= 2 * periodNanos;
    }

    synchronized String master() {
        return masterAddress;
    }

    synchronized long roundTrip() {
        return lastRoundTrip;
    }

    /** Keeps a master's sync time for this slave's next sync event. */
    synchronized void keepForNextSync(long masterSyncNanos, long mono) {
        pendingSync = masterSyncNanos;
        pendingSyncMono = mono;
    }

    /** The master's time for the sync event happening now, if it came within half a period; else null. */
    synchronized Long takeForThisSync(long mono, long periodNanos) {
        if (mono - pendingSyncMono >= periodNanos / 2) {
            return null;
        }
        pendingSyncMono = NEVER;
        return pendingSync;
    }

    synchronized void stepped() {
        syncSteps++;
    }

    synchronized long syncSteps() {
        return syncSteps;
    }
}
