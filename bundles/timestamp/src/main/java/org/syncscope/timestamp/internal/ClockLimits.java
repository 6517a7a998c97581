package org.syncscope.timestamp.internal;

/**
 * What the clock loop may do to the clock, as chrony and ntpd bound it, and how it measures.
 *
 * @param maxSlewPpm           fastest correction of a phase error, ppm (chrony: 83 333); at most
 *                             500 000, so a backward correction still lets time run at half speed
 * @param stepThresholdSeconds a reference further ahead than this is stepped to, forward only; a
 *                             smaller lead and every lag behind the reference is slewed
 * @param panicSeconds         a reference further away than this (either way) is not followed: alarm
 * @param samplesPerSync       exchanges per sync period; the one with the smallest delay is kept
 * @param kernelTimestamps     take send and receive times from the kernel (SO_TIMESTAMPING) when it can
 */
public record ClockLimits(int maxSlewPpm, double stepThresholdSeconds, double panicSeconds, int samplesPerSync,
                          boolean kernelTimestamps) {

    public static final ClockLimits DEFAULTS = new ClockLimits(83_333, 10, 600, 4, true);

    public ClockLimits {
        if (maxSlewPpm < 1 || maxSlewPpm > 500_000) {
            throw new IllegalArgumentException("maxSlewPpm: " + maxSlewPpm + " (1..500000)");
        }
        if (!(stepThresholdSeconds >= 0)) {
            throw new IllegalArgumentException("stepThresholdSeconds: " + stepThresholdSeconds + " (0 or more)");
        }
        if (!(panicSeconds > stepThresholdSeconds)) {
            throw new IllegalArgumentException("panicSeconds: " + panicSeconds + " (must be more than stepThresholdSeconds "
                    + stepThresholdSeconds + ")");
        }
        if (samplesPerSync < 1 || samplesPerSync > 16) {
            throw new IllegalArgumentException("samplesPerSync: " + samplesPerSync + " (1..16)");
        }
    }

    long stepThresholdNanos() {
        return Math.round(stepThresholdSeconds * 1e9);
    }

    long panicNanos() {
        return Math.round(Math.min(panicSeconds, 1e9) * 1e9);
    }
}
