package org.syncscope.timestamp.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a filtered sample of the reference (a master or an NTP server) does to the soft clock, in
 * chrony's manner:
 * <ul>
 * <li><b>Frequency</b> is the slope of a least-squares line through the last {@value #POINTS}
 * samples of <i>reference − monotonic time</i>. The clock's own corrections never enter that
 * difference, so a phase step or a slew cannot be mistaken for a rate error: only a rate error
 * that lasts over the samples moves the frequency.</li>
 * <li><b>Phase</b>: the line's offset now is slewed away within one sync period, never faster than
 * {@code maxSlewPpm}; a lead of the reference beyond {@code stepThresholdSeconds} is stepped to
 * (forward only); a reference beyond {@code panicSeconds} is not followed at all.</li>
 * <li><b>A jump</b> (a sample far off the line) is held, not followed: only when
 * {@value #CONFIRM} samples in a row agree on it is it taken as the reference's new time (the line
 * starts again there, the frequency is kept). A single wild sample is dropped as an outlier.</li>
 * </ul>
 * Used from the component's thread; synchronized for the readers of its state.
 */
public final class ClockLoop {

    /** What the loop did with the latest sample. */
    public enum State {
        /** No sample yet, or the reference changed. */
        NONE,
        /** Following: the phase error is slewed away within a sync period. */
        LOCKED,
        /** Following, a phase error larger than one period at the maximum slew rate being slewed. */
        SLEWING,
        /** A jump of the reference held until {@value ClockLoop#CONFIRM} samples confirm it. */
        HELD,
        /** The reference is beyond the panic threshold: not followed. */
        PANIC
    }

    private static final Logger LOG = LoggerFactory.getLogger(ClockLoop.class);
    static final int POINTS = 16;
    static final int MIN_FIT = 4;
    static final int CONFIRM = 3;
    /** Smallest departure from the line that counts as a jump. */
    static final long JUMP_FLOOR_NANOS = 1_000_000;
    /** The largest rate error assumed before the line gives one (NTP's 500 ppm). */
    static final double MAX_RATE_ERROR = 500e-6;

    // the line's points: monotonic time and reference − monotonic, both relative to the segment's base
    private final long[] pointMono = new long[POINTS];
    private final long[] pointDiff = new long[POINTS];
    private int points;
    private int next;
    private long baseMono;
    private long baseDiff;
    private long lastMono;
    private long lastDiff;
    private boolean fitted;
    private double slope;
    private double intercept;
    private double rms;
    // a held jump's samples (absolute)
    private final long[] heldMono = new long[CONFIRM];
    private final long[] heldDiff = new long[CONFIRM];
    private int held;

    private State state = State.NONE;
    private String reference = "";
    private String problem = "";
    private long phaseNanos;
    private long jumps;
    private long outliers;
    private long steps;

    /**
     * One filtered sample of {@code from}: {@code offsetNanos} = reference − our clock at
     * monotonic time {@code sampleMono}; {@code delayNanos} its round trip. {@code line} names the
     * reference whose samples make one line ("NTP" for any of the NTP servers, which agree; a
     * master by its address): another line starts afresh.
     */
    synchronized void sample(SoftClock soft, NanoClock clock, String line, String from, long offsetNanos,
                             long delayNanos, long sampleMono, long periodNanos, ClockLimits limits, int debug) {
        if (!line.equals(reference)) {
            restart();
            reference = line;
        }
        long diff = soft.timeAt(sampleMono) + offsetNanos - sampleMono;
        if (points > 0) {
            long departure = diff - predict(sampleMono, soft);
            long elapsed = sampleMono - lastMono;
            long limit = Math.max(JUMP_FLOOR_NANOS, 8 * delayNanos + Math.round(6 * rms));
            if (!fitted) {
                limit += Math.round(MAX_RATE_ERROR * Math.abs(elapsed));
            }
            if (Math.abs(departure) > limit) {
                if (!hold(sampleMono, diff, limit, soft)) {
                    if (held == 1) {
                        LOG.warn("timestamp driver: {} is {} off its course (delay {}): held until {} samples agree",
                                from, ns(departure), ns(delayNanos), CONFIRM);
                    }
                    state = State.HELD;
                    problem = String.format("%s jumped by %s: held, not followed (%d of %d samples agree)", from,
                            ns(departure), held, CONFIRM);
                    return;
                }
                jumps++;
                LOG.warn("timestamp driver: {} moved by {} ({} samples agree): following it", from, ns(departure),
                        CONFIRM);
            } else {
                if (held > 0) {
                    outliers += held;
                    LOG.info("timestamp driver: {} back on course; {} sample(s) off it dropped", from, held);
                    held = 0;
                }
                add(sampleMono, diff);
            }
        } else {
            add(sampleMono, diff);
        }
        fit();
        if (fitted) {
            soft.setFrequencyPpb(Math.max(-500_000, Math.min(500_000, slope * 1e9)));
        }
        long now = clock.monotonicNanos();
        long phase = predict(now, soft) - (soft.timeAt(now) - now);
        phaseNanos = phase;
        if (Math.abs(phase) > limits.panicNanos()) {
            if (state != State.PANIC) {
                LOG.error("timestamp driver: {} is {} away, beyond panicSeconds = {}: not followed, alarm raised", from,
                        ns(phase), limits.panicSeconds());
            }
            state = State.PANIC;
            problem = String.format("%s is %s away, beyond panicSeconds = %s: not followed", from, ns(phase),
                    limits.panicSeconds());
            points = 0;   // every later sample is judged afresh
            fitted = false;
            return;
        }
        problem = "";
        if (phase > limits.stepThresholdNanos()) {
            soft.stepForwardTo(soft.timeAt(now) + phase);
            steps++;
            state = State.LOCKED;
            LOG.warn("timestamp driver: clock {} behind {} (beyond stepThresholdSeconds = {}): stepped forward",
                    ns(phase), from, limits.stepThresholdSeconds());
            return;
        }
        long atMaxRate = (long) Math.ceil(Math.abs(phase) * 1e6 / limits.maxSlewPpm());
        soft.slewBy(phase, Math.max(periodNanos, atMaxRate));
        State was = state;
        state = atMaxRate > periodNanos ? State.SLEWING : State.LOCKED;
        if (state == State.SLEWING && was != State.SLEWING) {
            LOG.info("timestamp driver: slewing {} towards {} at {} ppm ({} s)", ns(phase), from, limits.maxSlewPpm(),
                    atMaxRate / 1_000_000_000L);
        }
        if (debug >= 1) {
            LOG.info("clock loop {}: sample offset {}, delay {}, phase {}, frequency {} ppb over {} samples", from,
                    ns(offsetNanos), ns(delayNanos), ns(phase), Math.round(soft.frequencyPpb()), points);
        }
    }

    /** Holds a sample off the line; true when {@value #CONFIRM} held samples agree (the line restarts on them). */
    private boolean hold(long mono, long diff, long limit, SoftClock soft) {
        if (held == CONFIRM) {
            System.arraycopy(heldMono, 1, heldMono, 0, CONFIRM - 1);
            System.arraycopy(heldDiff, 1, heldDiff, 0, CONFIRM - 1);
            held--;
        }
        heldMono[held] = mono;
        heldDiff[held] = diff;
        held++;
        if (held < CONFIRM) {
            return false;
        }
        double rate = soft.frequencyPpb() * 1e-9;
        for (int i = 1; i < CONFIRM; i++) {
            long expected = heldDiff[0] + Math.round(rate * (heldMono[i] - heldMono[0]));
            if (Math.abs(heldDiff[i] - expected) > limit) {
                return false;
            }
        }
        points = 0;
        fitted = false;
        for (int i = 0; i < CONFIRM; i++) {
            add(heldMono[i], heldDiff[i]);
        }
        held = 0;
        return true;
    }

    private void add(long mono, long diff) {
        if (points == 0) {
            baseMono = mono;
            baseDiff = diff;
            next = 0;
        }
        pointMono[next] = mono - baseMono;
        pointDiff[next] = diff - baseDiff;
        next = (next + 1) % POINTS;
        points = Math.min(points + 1, POINTS);
        lastMono = mono;
        lastDiff = diff;
    }

    /** Least squares through the points (relative values, so doubles keep ns precision). */
    private void fit() {
        if (points < MIN_FIT) {
            fitted = false;
            rms = 0;
            return;
        }
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < points; i++) {
            sx += pointMono[i];
            sy += pointDiff[i];
        }
        double mx = sx / points;
        double my = sy / points;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < points; i++) {
            double dx = pointMono[i] - mx;
            sxx += dx * dx;
            sxy += dx * (pointDiff[i] - my);
        }
        if (sxx <= 0) {
            fitted = false;
            return;
        }
        slope = sxy / sxx;
        intercept = my - slope * mx;
        double ss = 0;
        for (int i = 0; i < points; i++) {
            double r = pointDiff[i] - (intercept + slope * pointMono[i]);
            ss += r * r;
        }
        rms = Math.sqrt(ss / points);
        fitted = true;
    }

    /** Reference − monotonic at {@code mono}: the line's value, or the last point run on at the clock's frequency. */
    private long predict(long mono, SoftClock soft) {
        if (fitted) {
            return baseDiff + Math.round(intercept + slope * (mono - baseMono));
        }
        return lastDiff + Math.round(soft.frequencyPpb() * 1e-9 * (mono - lastMono));
    }

    /** Another reference (or other servers configured): its samples start afresh; the frequency stays. */
    synchronized void restart() {
        points = 0;
        held = 0;
        fitted = false;
        rms = 0;
        state = State.NONE;
        problem = "";
        reference = "";
    }

    synchronized State state() {
        return state;
    }

    /** Why the reference is not followed (a held jump, a panic); "" when it is. */
    synchronized String problem() {
        return problem;
    }

    /** Whether the loop raises the alarm: a jump held, a reference beyond the panic threshold. */
    synchronized boolean alarm() {
        return state == State.HELD || state == State.PANIC;
    }

    synchronized String report(SoftClock soft, ClockLimits limits) {
        return String.format("  clock loop %s: %s, phase %s, frequency %.3f ppm (line through %d samples, scatter %s), "
                        + "slew %.0f ppm (max %d), jumps followed %d, samples dropped %d, steps %d%n"
                        + "  limits: step forward beyond %s s, panic beyond %s s, %d samples per sync, smallest delay kept%n",
                reference.isEmpty() ? "(no reference)" : reference, state, ns(phaseNanos), soft.frequencyPpb() / 1000,
                points, ns(Math.round(rms)), soft.slewPpm(), limits.maxSlewPpm(), jumps, outliers, steps,
                limits.stepThresholdSeconds(), limits.panicSeconds(), limits.samplesPerSync())
                + (problem.isEmpty() ? "" : "  PROBLEM: " + problem + "\n");
    }

    /** ns as text with a sensible unit. */
    static String ns(long nanos) {
        long a = Math.abs(nanos);
        if (a < 10_000) {
            return nanos + " ns";
        }
        if (a < 10_000_000) {
            return String.format("%.1f µs", nanos / 1e3);
        }
        if (a < 10_000_000_000L) {
            return String.format("%.3f ms", nanos / 1e6);
        }
        return String.format("%.3f s", nanos / 1e9);
    }
}
