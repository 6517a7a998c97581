package org.syncscope.api.pv;

import java.util.Objects;

/**
 * One monitor update of a process variable, as delivered by a {@link PvSource}.
 *
 * @param pvName           the PV name as subscribed
 * @param value            the value
 * @param sourceTimeNanos  the record's own timestamp (for Channel Access the EPICS timestamp,
 *                         converted exactly), in ns since the Unix epoch
 * @param receiveTimeNanos when this process received the update, in ns since the Unix epoch
 *                         (wall clock, nanosecond resolution where the JVM has it)
 * @param severity         alarm severity sent with the value
 * @param status           alarm status sent with the value
 * @param userTag          the timestamp's user tag (pvAccess {@code timeStamp.userTag}: e.g. the
 *                         pulse or cycle ID of a timing system); 0 where the protocol has none
 *                         (Channel Access)
 * @since 1.3
 */
public record PvUpdate(String pvName, PvValue value, long sourceTimeNanos, long receiveTimeNanos,
                       AlarmSeverity severity, AlarmStatus status, int userTag) {
    public PvUpdate {
        Objects.requireNonNull(pvName, "pvName");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(status, "status");
    }

    /** An update without a user tag (0), as Channel Access delivers it. */
    public PvUpdate(String pvName, PvValue value, long sourceTimeNanos, long receiveTimeNanos,
                    AlarmSeverity severity, AlarmStatus status) {
        this(pvName, value, sourceTimeNanos, receiveTimeNanos, severity, status, 0);
    }
}
