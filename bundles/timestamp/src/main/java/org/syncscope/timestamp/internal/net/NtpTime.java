package org.syncscope.timestamp.internal.net;

/**
 * NTP 64-bit timestamps (seconds since 1900 + a 32-bit binary fraction) to and from ns since the
 * Unix epoch. NTP seconds wrap in February 2036; a value with the top bit clear is read as the
 * next era (RFC 4330's rule), so the conversion works until 2104.
 */
final class NtpTime {

    /** Seconds from 1900-01-01 to 1970-01-01. */
    static final long NTP_TO_UNIX_SECONDS = 2_208_988_800L;

    private NtpTime() {
    }

    static long toUnixNanos(long ntpSeconds, long fraction) {
        long seconds = ntpSeconds & 0xFFFF_FFFFL;
        if ((seconds & 0x8000_0000L) == 0) {
            seconds += 1L << 32;   // era 1: after 2036-02-07
        }
        long nanos = ((fraction & 0xFFFF_FFFFL) * 1_000_000_000L) >>> 32;
        return (seconds - NTP_TO_UNIX_SECONDS) * 1_000_000_000L + nanos;
    }

    /** The 64-bit NTP timestamp (seconds in the high half) of a Unix time. */
    static long fromUnixNanos(long unixNanos) {
        long seconds = Math.floorDiv(unixNanos, 1_000_000_000L) + NTP_TO_UNIX_SECONDS;
        long nanos = Math.floorMod(unixNanos, 1_000_000_000L);
        long fraction = (nanos << 32) / 1_000_000_000L;
        return ((seconds & 0xFFFF_FFFFL) << 32) | fraction;
    }
}
