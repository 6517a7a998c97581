package org.syncscope.api.time;

import java.util.Objects;

/**
 * A snapshot of the timestamp service's state, for reports and status PVs.
 *
 * @param mode                 synchronous or soft
 * @param role                 master or slave
 * @param modeReason           why this mode was chosen, in words (e.g. "forceSoft=true")
 * @param source               what the clock follows now
 * @param masterAddress        the master in use ("host:port"), empty when none
 * @param inSync               whether the time is trusted (synced within the sync period)
 * @param lastSyncNanos        time of the last sync, ns since the Unix epoch; 0 before the first
 * @param lastOffsetNanos      last measured offset to the reference (reference − ours), ns
 * @param backwardsPrevented   how many times an earlier time was about to be handed out and was not
 */
public record TimestampStatus(ClockMode mode, ClockRole role, String modeReason, TimeSource source,
                              String masterAddress, boolean inSync, long lastSyncNanos,
                              long lastOffsetNanos, long backwardsPrevented) {
    public TimestampStatus {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(modeReason, "modeReason");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(masterAddress, "masterAddress");
    }
}
