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

    SoftClock(NanoClock clock) {
        this.clock = clock;
        this.baseMono = clock.monotonicNanos();
        this.baseTime = clock.wallNanos();
    }

    synchronized long now() {
        return at(clock.monotonicNanos());
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
        long t = baseTime + (mono - baseMono);
        if (slewDuration > 0) {
            long elapsed = Math.min(mono - slewStartMono, slewDuration);
            t += Math.round((double) slewTotal * elapsed / slewDuration);
        }
        return t;
    }
}
