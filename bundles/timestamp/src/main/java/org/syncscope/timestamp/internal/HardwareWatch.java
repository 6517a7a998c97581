package org.syncscope.timestamp.internal;

import java.util.concurrent.atomic.AtomicReference;
import org.syncscope.api.eventsystem.EventSystemException;

/**
 * The hardware watchdog: a sync event missing for {@code failureGraceSeconds}, a tick counter that
 * stops or cannot be read. It reads the driver on the housekeeping thread only; a reader that
 * found the counter unreadable leaves a note here instead of failing the clock itself. A driver
 * without a tick counter (a receiver read through its IOC) is judged by its sync events alone; the
 * errors it reports fail the clock through the engine's error handler.
 */
final class HardwareWatch {

    private long lastTicks = -1;
    private int ticksUnchanged;
    private final AtomicReference<String> readerProblem = new AtomicReference<>();

    /** A new sync (or a new driver): the counter starts again. */
    synchronized void restart() {
        lastTicks = -1;
        ticksUnchanged = 0;
        readerProblem.set(null);
    }

    /** A time reader could not read the tick counter; the next {@link #check} fails the hardware. */
    void unreadable(String why) {
        readerProblem.compareAndSet(null, why);
    }

    /**
     * Why the hardware has failed, or null when it is well (a synchronous state only). Reads the
     * tick counter holding no lock, so nothing else waits for the driver meanwhile.
     */
    String check(SyncState s, long mono, TimestampSettings settings) {
        String noted = readerProblem.getAndSet(null);
        if (noted != null) {
            return "tick counter unreadable: " + noted;
        }
        if (mono - s.syncMono() > settings.failureGraceNanos()) {
            return "no sync event (0x" + Integer.toHexString(s.driver().syncEventNumber()) + ") for "
                    + (mono - s.syncMono()) / 1_000_000_000L + " s";
        }
        if (!s.tickCounter()) {
            return null;   // nothing to read: ticksSinceReset() throws by design
        }
        long ticks;
        try {
            ticks = s.driver().ticksSinceReset();
        } catch (EventSystemException e) {
            return "tick counter unreadable: " + e.getMessage();
        }
        synchronized (this) {
            ticksUnchanged = ticks == lastTicks ? ticksUnchanged + 1 : 0;
            lastTicks = ticks;
            return ticksUnchanged >= 2 ? "tick counter stopped at " + ticks : null;
        }
    }
}
