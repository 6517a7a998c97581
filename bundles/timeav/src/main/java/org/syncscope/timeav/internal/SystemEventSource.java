package org.syncscope.timeav.internal;

import org.syncscope.api.time.EpicsTime;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.syncscope.api.Registration;
import org.syncscope.api.time.TimestampService;

/** Periodic events on a scheduler; clock events from the timestamp driver's event system. */
final class SystemEventSource implements EventSource {

    private final ScheduledExecutorService scheduler;
    private final TimestampService time;

    SystemEventSource(ScheduledExecutorService scheduler, TimestampService time) {
        this.scheduler = scheduler;
        this.time = time;
    }

    @Override
    public long now() {
        if (time != null) {
            return time.currentTime();
        }
        return EpicsTime.unixNanos(Instant.now());
    }

    @Override
    public Registration every(long periodNanos, boolean immediate, Runnable action) {
        ScheduledFuture<?> f = scheduler.scheduleAtFixedRate(action, immediate ? 0 : periodNanos, periodNanos,
                TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public Registration onClockEvent(int event, long delayNanos, Runnable action) {
        if (time == null) {
            throw new IllegalArgumentException("no timestamp driver to deliver event-system events (install syncscope-timestamp)");
        }
        return time.addEventListener(event, (n, t) -> {
            if (delayNanos == 0) {
                action.run();
            } else {
                scheduler.schedule(action, delayNanos, TimeUnit.NANOSECONDS);
            }
        });
    }

    @Override
    public Registration once(Runnable action) {
        ScheduledFuture<?> f = scheduler.schedule(action, 0, TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }
}
