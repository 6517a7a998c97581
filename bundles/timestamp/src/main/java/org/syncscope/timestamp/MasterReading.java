package org.syncscope.timestamp;

/**
 * One answer of a timestamp master (ns since the Unix epoch, durations in ns).
 *
 * @param masterTimeNanos the master's current time when it answered
 * @param lastSyncNanos   the master's last sync time, 0 when it never synced
 * @param outOfSync       the master says its time is not trustworthy
 * @param offsetNanos     master − us, half the round trip compensated
 * @param roundTripNanos  request to reply
 */
public record MasterReading(long masterTimeNanos, long lastSyncNanos, boolean outOfSync, long offsetNanos,
                            long roundTripNanos) {
}
