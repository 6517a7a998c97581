package org.syncscope.timestamp.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A slave following its master (drvTS TSsyncTheTime for a soft slave, TSsyncClient for a
 * synchronous one): the soft slave's corrections, and the master's sync times a synchronous slave
 * heard before its own sync event.
 */
final class MasterFollower {

    private static final Logger LOG = LoggerFactory.getLogger(MasterFollower.class);
    private static final long NEVER = Long.MIN_VALUE / 2;

    private String masterAddress = "";
    private long lastMasterMono = NEVER;
    private long lastRoundTrip;
    private long pendingSync;
    private long pendingSyncMono = NEVER;
    private long syncSteps;

    /**
     * A correction from the master: an offset up to one sync period, and every backward one, is
     * slewed so it is gone by the next sync; a larger forward lag is stepped.
     */
    synchronized void adjust(SoftClock soft, long offsetNanos, long roundTripNanos, String master, long mono,
                             long periodNanos, int debug) {
        if (offsetNanos > periodNanos) {
            soft.stepForwardTo(soft.now() + offsetNanos);
            LOG.warn("slave clock {} ns behind master {}: stepped forward", offsetNanos, master);
        } else {
            soft.slewBy(offsetNanos, periodNanos);
        }
        lastRoundTrip = roundTripNanos;
        masterAddress = master;
        lastMasterMono = mono;
        if (debug >= 1) {
            LOG.info("sync from master {}: offset {} ns, round trip {} ns", master, offsetNanos, roundTripNanos);
        }
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
