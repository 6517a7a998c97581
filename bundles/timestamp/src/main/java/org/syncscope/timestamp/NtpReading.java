package org.syncscope.timestamp;

/**
 * One answer of an NTP server (ns since the Unix epoch, durations in ns).
 *
 * @param serverTimeNanos the server's time when it answered
 * @param stratum         the server's stratum
 * @param offsetNanos     server − us
 * @param delayNanos      round trip without the server's own processing time
 */
public record NtpReading(long serverTimeNanos, int stratum, long offsetNanos, long delayNanos) {
}
