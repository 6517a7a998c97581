package org.syncscope.timestamp.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NTP as the clock's reference: which server answered, its last offset, delay and jitter, and
 * "lost" after three silent periods (the clock then free-runs at its last frequency with an
 * alarm). What a sample does to the clock is the {@link ClockLoop}'s.
 */
final class NtpDiscipline {

    private static final Logger LOG = LoggerFactory.getLogger(NtpDiscipline.class);

    private boolean lost;
    private String server = "";
    private long lastMono = Long.MIN_VALUE / 2;
    private long lastOffset;
    private long lastDelay;
    private long jitter;
    private long samples;

    /** A filtered sample of {@code from} is about to go to the clock loop. */
    synchronized void sampled(long offsetNanos, long delayNanos, String from, long mono) {
        jitter = samples == 0 ? 0 : (3 * jitter + Math.abs(offsetNanos - lastOffset)) / 4;
        if (lost) {
            LOG.warn("NTP server {} answers again (offset {} ns): slewing back, alarm cleared", from, offsetNanos);
        }
        lost = false;
        server = from;
        lastOffset = offsetNanos;
        lastDelay = delayNanos;
        lastMono = mono;
        samples++;
    }

    /** {@code from} answered this period, though its sample was not used: NTP is not lost. */
    synchronized void heard(String from, long mono) {
        if (samples > 0) {
            lost = false;
            lastMono = mono;
        }
    }

    /** Housekeeping while NTP is in charge: raises "lost" after three silent periods. */
    synchronized void check(SoftClock soft, long mono, long periodNanos) {
        if (samples > 0 && !lost && mono - lastMono > 3 * periodNanos) {
            lost = true;
            LOG.error("timestamp driver: NTP lost ({} silent for {} s); free-running at {} ppb, alarm raised", server,
                    (mono - lastMono) / 1_000_000_000L, Math.round(soft.frequencyPpb()));
        }
    }

    /** Other servers configured: their samples start afresh (the clock keeps its frequency). */
    synchronized void restart() {
        lost = false;
        server = "";
        samples = 0;
        jitter = 0;
        lastMono = Long.MIN_VALUE / 2;
    }

    synchronized boolean lost() {
        return lost;
    }

    synchronized boolean inUse() {
        return !lost && samples > 0;
    }

    synchronized long delay() {
        return lastDelay;
    }

    synchronized long jitter() {
        return jitter;
    }

    synchronized String report(SoftClock soft, String configured) {
        return String.format("  NTP %s%s: offset %d ns, delay %d ns, jitter %d ns, %d samples%n",
                server.isEmpty() ? configured : server, lost ? " (LOST, free-running)" : "", lastOffset, lastDelay,
                jitter, samples);
    }
}
