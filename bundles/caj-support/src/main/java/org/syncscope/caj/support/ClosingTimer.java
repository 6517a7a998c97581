package org.syncscope.caj.support;

import com.cosylab.epics.caj.util.Timer;

/**
 * CAJ's {@link Timer}, except that once shut down it starts no thread again. CAJ's own timer
 * starts a fresh thread for any task scheduled after {@code shutDown()} and nothing ever stops
 * that one, which left a "Timer" thread running for good. In the client a connection reschedules
 * its echo timer when a beacon is heard or an echo answered, also while its context is destroyed
 * (CAJ shuts the timer down before it closes connections); in the server the beacon emitter
 * reschedules itself from its timer task, also while a beacon is being sent as the context is
 * destroyed. Both contexts get one of these through their {@code getTimer()}.
 */
public final class ClosingTimer extends Timer {

    private boolean shut;
    /** The thread last started, interrupted again by every later shut down or schedule. */
    private Thread worker;

    @Override
    public synchronized void restart() {
        if (!shut) {
            super.restart();
            worker = thread_;
        }
    }

    @Override
    public synchronized void shutDown() {
        shut = true;
        super.shutDown();
        if (worker != null) {
            worker.interrupt();   // one that lost CAJ's interrupt inside a task
        }
    }

    @Override
    public Object executeAfterDelay(long delay, TimerRunnable task) {
        return dropIfShut(super.executeAfterDelay(delay, task));
    }

    @Override
    public Object executePeriodically(long period, TimerRunnable task, long firstTime) {
        return dropIfShut(super.executePeriodically(period, task, firstTime));
    }

    private synchronized Object dropIfShut(Object task) {
        if (shut) {
            Timer.cancel(task);
            heap_.remove(task);
            if (worker != null) {
                worker.interrupt();
            }
        }
        return task;
    }

    /** After {@link #shutDown()}: waits at most {@code millis} for the timer's thread to end; true if it did. */
    public boolean awaitEnd(long millis) throws InterruptedException {
        Thread w;
        synchronized (this) {
            w = worker;
        }
        if (w == null || w == Thread.currentThread()) {
            return true;
        }
        w.join(millis);
        return !w.isAlive();
    }
}
