package org.syncscope.timestamp.internal;

/**
 * The server's own clock: the host's wall time read once, then advanced by the monotonic clock,
 * so a jump of the host clock never shows. Corrections are slewed — spread over an interval —
 * and never stepped backwards; a forward step is allowed where the design says "stepped".
 * Thread safe.
 */
final class SoftClock {

    private final NanoClock clock;
    private long baseMono;
    private long baseTime;
    private long slewTotal;
    private long slewStartMono;
    private long slewDuration;
    /** Frequency correction in parts per billion: time runs at (1 + ppb·1e-9) × the monotonic clock. */
    private double ppb;

    SoftClock(NanoClock clock) {
        this.clock = clock;
        this.baseMono = clock.monotonicNanos();
        this.baseTime = clock.wallNanos();
    }

    synchronized long now() {
        return at(clock.monotonicNanos());
    }

    /** The time this clock showed (or shows) at monotonic {@code mono}, on its present course. */
    synchronized long timeAt(long mono) {
        return at(mono);
    }

    /** The rate of the slew running now, ppm (0: none). */
    synchronized double slewPpm() {
        long m = clock.monotonicNanos();
        if (slewDuration <= 0 || m - slewStartMono >= slewDuration) {
            return 0;
        }
        return slewTotal * 1e6 / slewDuration;
    }

    /**
     * Sets the frequency correction (ppb, limited to ±500 ppm as NTP does); the time reached so far
     * is kept, so changing the rate never makes time jump.
     */
    synchronized void setFrequencyPpb(double newPpb) {
        long m = clock.monotonicNanos();
        long t = at(m);
        // fold the running slew into the base as well, continuing it from here
        long slewDone = slewPart(m);
        long remaining = slewDuration > 0 ? slewTotal - slewDone : 0;
        long remainingDuration = slewDuration > 0 ? Math.max(1, slewDuration - Math.min(m - slewStartMono, slewDuration)) : 0;
        baseTime = t;
        baseMono = m;
        ppb = Math.max(-500_000, Math.min(500_000, newPpb));
        slewTotal = remaining;
        slewStartMono = m;
        slewDuration = remaining == 0 ? 0 : remainingDuration;
    }

    synchronized double frequencyPpb() {
        return ppb;
    }

    /**
     * Spreads {@code offset} over {@code overNanos}. A backward correction is spread over at least
     * twice its size, so time still advances at half speed or more.
     */
    synchronized void slewBy(long offset, long overNanos) {
        long m = clock.monotonicNanos();
        baseTime = at(m);
        baseMono = m;
        slewTotal = offset;
        slewStartMono = m;
        slewDuration = Math.max(Math.max(1, overNanos), offset < 0 ? 2 * -offset : 0);
    }

    /** Jumps to {@code time} if it is ahead; never back. Cancels any slew. */
    synchronized void stepForwardTo(long time) {
        long m = clock.monotonicNanos();
        long current = at(m);
        baseMono = m;
        baseTime = Math.max(current, time);
        slewTotal = 0;
        slewDuration = 0;
    }

    /**
     * Disciplines this clock to the host's wall clock: a lag of more than one period is stepped
     * forward, anything else (including every backward correction) is slewed over one period.
     *
     * @return the offset found (host − ours), ns
     */
    synchronized long syncToWall(long periodNanos) {
        long offset = clock.wallNanos() - now();
        if (offset > periodNanos) {
            stepForwardTo(now() + offset);
        } else if (offset != 0) {
            slewBy(offset, periodNanos);
        }
        return offset;
    }

    private long at(long mono) {
        long elapsed = mono - baseMono;
        return baseTime + elapsed + Math.round(elapsed * ppb * 1e-9) + slewPart(mono);
    }

    private long slewPart(long mono) {
        if (slewDuration <= 0) {
            return 0;
        }
        long elapsed = Math.min(mono - slewStartMono, slewDuration);
        return Math.round((double) slewTotal * elapsed / slewDuration);
    }
}
