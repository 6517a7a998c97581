package org.syncscope.api.pv;

import java.util.Objects;

/**
 * A PV's value as a reader sees it now.
 *
 * @param value          null when it has none yet (read as UDF/INVALID)
 * @param timestampNanos its time in ns since the Unix epoch (0 when it has no value)
 */
public record PvReading(PvValue value, long timestampNanos, AlarmSeverity severity, AlarmStatus status) {

    public PvReading {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(status, "status");
    }
}
