package org.syncscope.ptpcheck.internal;

/** Time that moves only when the code under test sleeps. */
final class ManualTicker implements Ticker {
    long now = 1_000_000_000L;
    long slept;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void sleepMillis(long millis) {
        now += millis * 1_000_000L;
        slept += millis;
    }
}
