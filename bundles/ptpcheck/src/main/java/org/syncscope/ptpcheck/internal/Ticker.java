package org.syncscope.ptpcheck.internal;

import java.time.Instant;
import org.syncscope.api.time.EpicsTime;

/** Time for the polling loops; tests pass one they control. */
public interface Ticker {

    long nanoTime();

    void sleepMillis(long millis) throws InterruptedException;

    /** The host's realtime clock, ns since the Unix epoch. */
    static long wallClockNanos() {
        return EpicsTime.unixNanos(Instant.now());
    }

    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepMillis(long millis) throws InterruptedException {
            Thread.sleep(millis);
        }
    };
}
