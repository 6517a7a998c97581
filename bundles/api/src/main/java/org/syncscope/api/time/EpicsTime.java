package org.syncscope.api.time;

/**
 * Exact conversions between ns since the Unix epoch (how Syncscope holds every time) and the
 * EPICS epoch (1990-01-01T00:00:00Z) as seconds + nanoseconds. Integer arithmetic only: no time
 * passes through floating point. Inputs outside what EPICS can represent — before 1990, or
 * beyond the unsigned 32-bit seconds field (early 2126) — are refused with
 * {@link IllegalArgumentException}, never wrapped or clamped.
 */
public final class EpicsTime {

    /** Seconds from 1970-01-01 to 1990-01-01 (20 years incl. 5 leap days). */
    public static final long EPICS_EPOCH_UNIX_SECONDS = 631_152_000L;

    /** The largest EPICS seconds value: the wire field is an unsigned 32-bit integer. */
    public static final long MAX_EPICS_SECONDS = 0xFFFF_FFFFL;

    /** ns since the Unix epoch of 1990-01-01T00:00:00Z, the earliest EPICS time. */
    public static final long MIN_UNIX_NANOS = EPICS_EPOCH_UNIX_SECONDS * 1_000_000_000L;

    /** ns since the Unix epoch of the latest EPICS time (MAX_EPICS_SECONDS + 999 999 999 ns). */
    public static final long MAX_UNIX_NANOS = (MAX_EPICS_SECONDS + EPICS_EPOCH_UNIX_SECONDS) * 1_000_000_000L + 999_999_999L;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private EpicsTime() {
    }

    /** An instant as ns since the Unix epoch, exact (the wall clock's resolution kept). */
    public static long unixNanos(java.time.Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
    }

    /**
     * Converts ns since the Unix epoch to EPICS seconds + ns.
     *
     * @throws IllegalArgumentException if the time is before 1990 or after {@link #MAX_UNIX_NANOS}
     */
    public static EpicsTimestamp fromUnixNanos(long unixNanos) {
        if (unixNanos < MIN_UNIX_NANOS || unixNanos > MAX_UNIX_NANOS) {
            throw new IllegalArgumentException("time " + unixNanos
                    + " ns since 1970 is outside the EPICS range (1990-01-01 .. 2126-02-07, unsigned 32-bit seconds)");
        }
        long sinceEpics = unixNanos - MIN_UNIX_NANOS;
        return new EpicsTimestamp(sinceEpics / NANOS_PER_SECOND, (int) (sinceEpics % NANOS_PER_SECOND));
    }

    /**
     * Converts EPICS seconds + ns to ns since the Unix epoch.
     *
     * @throws IllegalArgumentException if seconds is outside 0..{@link #MAX_EPICS_SECONDS} or
     *                                  nanoseconds outside 0..999 999 999
     */
    public static long toUnixNanos(long epicsSeconds, int nanoseconds) {
        checkEpicsFields(epicsSeconds, nanoseconds);
        // In range this cannot overflow: (2^32 + 631152000) * 1e9 < 2^63.
        return (epicsSeconds + EPICS_EPOCH_UNIX_SECONDS) * NANOS_PER_SECOND + nanoseconds;
    }

    /**
     * Converts the 32-bit seconds field as read from the wire (a Java int holding an unsigned
     * value) and its ns field to ns since the Unix epoch.
     */
    public static long fromWire(int unsignedSeconds, int nanoseconds) {
        return toUnixNanos(Integer.toUnsignedLong(unsignedSeconds), nanoseconds);
    }

    static void checkEpicsFields(long epicsSeconds, int nanoseconds) {
        if (epicsSeconds < 0 || epicsSeconds > MAX_EPICS_SECONDS) {
            throw new IllegalArgumentException("EPICS seconds " + epicsSeconds + " outside 0.." + MAX_EPICS_SECONDS);
        }
        if (nanoseconds < 0 || nanoseconds >= NANOS_PER_SECOND) {
            throw new IllegalArgumentException("nanoseconds " + nanoseconds + " outside 0..999999999");
        }
    }
}
