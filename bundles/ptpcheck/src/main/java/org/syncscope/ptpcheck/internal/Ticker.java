package org.syncscope.ptpcheck.internal;

/** Time for the polling loops; tests pass one they control. */
public interface Ticker {

    long nanoTime();

    void sleepMillis(long millis) throws InterruptedException;

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
