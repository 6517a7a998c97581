package org.syncscope.api.time;

/**
 * A time in the EPICS epoch, as Channel Access and drvTS carry it: whole seconds since
 * 1990-01-01T00:00:00Z (an unsigned 32-bit field on the wire) and nanoseconds within the second.
 *
 * @param secondsPastEpoch 0 .. {@value EpicsTime#MAX_EPICS_SECONDS}
 * @param nanoseconds      0 .. 999 999 999
 */
public record EpicsTimestamp(long secondsPastEpoch, int nanoseconds) {

    public EpicsTimestamp {
        EpicsTime.checkEpicsFields(secondsPastEpoch, nanoseconds);
    }

    /** This time in ns since the Unix epoch; exact. */
    public long toUnixNanos() {
        return EpicsTime.toUnixNanos(secondsPastEpoch, nanoseconds);
    }

    /** {@code secondsPastEpoch} as the signed 32-bit int the wire carries (bits reinterpreted). */
    public int secondsAsUnsignedInt() {
        return (int) secondsPastEpoch;
    }
}
