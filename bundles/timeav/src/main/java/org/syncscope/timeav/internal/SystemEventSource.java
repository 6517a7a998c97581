package org.syncscope.timeav.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.Registration;
import org.syncscope.api.time.EpicsTime;
import org.syncscope.api.time.TimestampService;

/**
 * Periodic events on a scheduler; clock events from the timestamp driver's event system. The
 * driver may come and go (its bundle redeployed, its feature reinstalled): clock listeners are
 * kept and registered again on the driver that is bound next, so a device never starts over.
 */
final class SystemEventSource implements EventSource {

    private static final Logger LOG = LoggerFactory.getLogger(SystemEventSource.class);

    private final ScheduledExecutorService scheduler;
    private final String owner;
    // guarded by this
    private final List<ClockListener> clockListeners = new ArrayList<>();
    private TimestampService time;

    SystemEventSource(ScheduledExecutorService scheduler, String owner) {
        this.scheduler = scheduler;
        this.owner = owner;
    }

    /** A driver (re)appeared: clock listeners are registered on it. Only touches memory. */
    synchronized void bind(TimestampService next) {
        if (next == time) {
            return;
        }
        clockListeners.forEach(ClockListener::drop);
        time = next;
        for (ClockListener l : clockListeners) {
            try {
                l.register(next);
            } catch (IllegalArgumentException refused) {
                LOG.error("TIMEAV {}: the timestamp driver refuses clock event {}: {}", owner, l.event,
                        refused.getMessage());
            }
        }
    }

    /** The driver went away: clock events stop until one is bound again. */
    synchronized void unbind(TimestampService gone) {
        if (gone == time) {
            clockListeners.forEach(ClockListener::drop);
            time = null;
        }
    }

    @Override
    public long now() {
        TimestampService t;
        synchronized (this) {
            t = time;
        }
        return t != null ? t.currentTime() : EpicsTime.unixNanos(Instant.now());
    }

    @Override
    public Registration every(long periodNanos, boolean immediate, Runnable action) {
        ScheduledFuture<?> f = scheduler.scheduleAtFixedRate(action, immediate ? 0 : periodNanos, periodNanos,
                TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    /**
     * @throws IllegalArgumentException if the bound driver cannot deliver {@code event}; without a
     *                                  driver the listener waits for one
     */
    @Override
    public synchronized Registration onClockEvent(int event, long delayNanos, Runnable action) {
        ClockListener l = new ClockListener(event, delayNanos, action);
        if (time != null) {
            l.register(time);
        } else {
            LOG.warn("TIMEAV {}: clock event {} waits for a timestamp driver (feature syncscope-timestamp)", owner, event);
        }
        clockListeners.add(l);
        return () -> {
            synchronized (SystemEventSource.this) {
                clockListeners.remove(l);
                l.drop();
            }
        };
    }

    @Override
    public Registration once(Runnable action) {
        ScheduledFuture<?> f = scheduler.schedule(action, 0, TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    /** One clock-event listener and its registration on the current driver, if any. */
    private final class ClockListener {
        final int event;
        final long delayNanos;
        final Runnable action;
        Registration current;

        ClockListener(int event, long delayNanos, Runnable action) {
            this.event = event;
            this.delayNanos = delayNanos;
            this.action = action;
        }

        void register(TimestampService driver) {
            current = driver.addEventListener(event, (n, t) -> {
                if (delayNanos == 0) {
                    action.run();
                } else {
                    scheduler.schedule(action, delayNanos, TimeUnit.NANOSECONDS);
                }
            });
        }

        void drop() {
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }
}
