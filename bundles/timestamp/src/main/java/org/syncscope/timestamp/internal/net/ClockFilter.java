package org.syncscope.timestamp.internal.net;

/**
 * NTP's clock filter for one reference: of the exchanges of one sync period the one with the
 * smallest round trip is kept (queueing only ever adds delay, and the offset error is at most half
 * the delay), and that one is rejected too when its delay is more than {@value #MAX_DELAY_RATIO}
 * times the smallest of the last {@value #HISTORY} periods (plus {@value #DELAY_FLOOR_NANOS} ns),
 * as a period in which every exchange was held up says nothing trustworthy. The history holds the
 * rejected periods' delays too, so a path that really got slower is accepted again after at most
 * {@value #HISTORY} periods. No allocation: a sync round uses it once per period.
 */
public final class ClockFilter {

    static final int HISTORY = 16;
    static final double MAX_DELAY_RATIO = 3;
    static final long DELAY_FLOOR_NANOS = 20_000;

    private final long[] history = new long[HISTORY];
    private int historySize;
    private int historyNext;
    private int offered;
    private long bestOffset;
    private long bestDelay;
    private long bestMono;
    private long rejected;
    private long limit;

    /** Starts a sync period's exchanges. */
    public void begin() {
        offered = 0;
    }

    /** One exchange: offset = reference − us, its round trip, the monotonic time it was taken. */
    public void offer(long offsetNanos, long delayNanos, long mono) {
        if (offered == 0 || delayNanos < bestDelay) {
            bestOffset = offsetNanos;
            bestDelay = delayNanos;
            bestMono = mono;
        }
        offered++;
    }

    /** Ends the period: true when its best exchange is good enough to use ({@link #offset()} etc.). */
    public boolean end() {
        if (offered == 0) {
            return false;
        }
        long smallest = bestDelay;
        for (int i = 0; i < historySize; i++) {
            smallest = Math.min(smallest, history[i]);
        }
        limit = Math.round(MAX_DELAY_RATIO * Math.max(0, smallest)) + DELAY_FLOOR_NANOS;
        history[historyNext] = bestDelay;
        historyNext = (historyNext + 1) % HISTORY;
        historySize = Math.min(historySize + 1, HISTORY);
        if (bestDelay > limit) {
            rejected++;
            return false;
        }
        return true;
    }

    /** Forgets the delays seen (another reference). */
    public void reset() {
        historySize = 0;
        historyNext = 0;
        offered = 0;
    }

    public long offset() {
        return bestOffset;
    }

    public long delay() {
        return bestDelay;
    }

    public long mono() {
        return bestMono;
    }

    /** Exchanges offered this period. */
    public int offered() {
        return offered;
    }

    /** Periods whose best exchange was rejected for its delay. */
    public long rejected() {
        return rejected;
    }

    /** The delay above which the last period's best exchange was rejected, ns. */
    public long delayLimit() {
        return limit;
    }
}
