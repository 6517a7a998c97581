package org.syncscope.timestamp.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NTP discipline loop: each measurement (offset = server − us) is slewed away over one sync
 * period (a lag beyond a period is stepped forward, never back), and half of the residual rate
 * error is folded into the clock's frequency, a frequency-locked loop in the NTPv4 manner. NTP
 * silent for three periods is "lost": the clock free-runs at its last frequency with an alarm.
 * Measurements come in through {@link #adjust}; a filter of samples belongs in front of it.
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

    synchronized void adjust(SoftClock soft, long offsetNanos, long delayNanos, String from, long mono,
                             long periodNanos, int debug) {
        long sinceLast = mono - lastMono;
        if (samples > 0 && !lost && sinceLast > 0 && sinceLast < 4 * periodNanos && Math.abs(offsetNanos) < periodNanos) {
            // what is left after last time's slew is rate error accumulated over sinceLast
            soft.setFrequencyPpb(soft.frequencyPpb() + 0.5 * offsetNanos * 1e9 / sinceLast);
        }
        if (offsetNanos > periodNanos) {
            soft.stepForwardTo(soft.now() + offsetNanos);
            LOG.warn("clock {} ns behind NTP server {}: stepped forward", offsetNanos, from);
        } else {
            soft.slewBy(offsetNanos, periodNanos);
        }
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
        if (debug >= 1) {
            LOG.info("NTP {}: offset {} ns, delay {} ns, jitter {} ns, frequency {} ppb", from, offsetNanos, delayNanos,
                    jitter, Math.round(soft.frequencyPpb()));
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
        return String.format("  NTP %s%s: offset %d ns, delay %d ns, jitter %d ns, frequency %.0f ppb, %d samples%n",
                server.isEmpty() ? configured : server, lost ? " (LOST, free-running)" : "", lastOffset, lastDelay,
                jitter, soft.frequencyPpb(), samples);
    }
}
