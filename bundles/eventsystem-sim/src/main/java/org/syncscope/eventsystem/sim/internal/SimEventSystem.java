package org.syncscope.eventsystem.sim.internal;

import org.syncscope.api.time.EpicsTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.Registration;
import org.syncscope.api.eventsystem.ErrorHandler;
import org.syncscope.api.eventsystem.EventHandler;
import org.syncscope.api.eventsystem.EventSystemDriver;
import org.syncscope.api.eventsystem.EventSystemException;

/**
 * A simulated event system: a tick counter at {@code clockRateHz} derived from the monotonic
 * clock, a counter reset (sync event) every {@code resetPeriodSeconds}, user events at their
 * rates, optional direct (GPS-like) time, and faults to exercise the timestamp driver's failure
 * paths. Events are delivered on one daemon thread, in time order. {@link SimInstance} creates one
 * per accepted configuration and registers it as the {@code driver=sim} service.
 */
final class SimEventSystem implements EventSystemDriver, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimEventSystem.class);

    private final SimConfig config;
    private final List<UserEvent> userEvents;
    private final List<EventHandler> eventHandlers = new CopyOnWriteArrayList<>();
    private final List<ErrorHandler> errorHandlers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService thread;
    private final long resetPeriodNanos;
    private volatile long lastResetNanos = System.nanoTime();
    private volatile long frozenTicks = -1;

    private static final long STOP_WAIT_MILLIS = 1000;

    /** @throws IllegalArgumentException naming the key of a value out of range */
    SimEventSystem(SimConfig config) {
        this.config = config;
        if (config.clockRateHz() < 1 || config.clockRateHz() > 100_000_000) {
            throw new IllegalArgumentException("clockRateHz: " + config.clockRateHz() + " (1..100000000)");
        }
        if (!(config.resetPeriodSeconds() >= 0.01)) {
            throw new IllegalArgumentException("resetPeriodSeconds: " + config.resetPeriodSeconds() + " (at least 0.01)");
        }
        if (config.syncEvent() < 1 || config.syncEvent() > 255) {
            throw new IllegalArgumentException("syncEvent: " + config.syncEvent() + " (1..255)");
        }
        this.userEvents = UserEvent.parseAll(config.events());
        this.resetPeriodNanos = Math.round(config.resetPeriodSeconds() * 1e9);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "eventsystem-sim-" + config.name());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void init() {
        if (!config.receiver()) {
            return;
        }
        lastResetNanos = System.nanoTime();
        thread.scheduleAtFixedRate(this::reset, resetPeriodNanos, resetPeriodNanos, TimeUnit.NANOSECONDS);
        for (UserEvent e : userEvents) {
            long period = Math.round(1e9 / e.rateHz());
            thread.scheduleAtFixedRate(() -> deliver(e.number(), ticksNow()), period, period, TimeUnit.NANOSECONDS);
        }
        if (config.errorPeriodSeconds() > 0) {
            long period = Math.round(config.errorPeriodSeconds() * 1e9);
            thread.scheduleAtFixedRate(() -> errorHandlers.forEach(h -> h.onError(1, "simulated receiver error")),
                    period, period, TimeUnit.NANOSECONDS);
        }
        LOG.info("simulated event system {}: {} Hz ticks, sync event 0x{} every {} s, user events {}{}", config.name(),
                config.clockRateHz(), Integer.toHexString(config.syncEvent()), config.resetPeriodSeconds(), userEvents,
                faults());
    }

    /** Stops delivering; waits at most a second for an event being delivered, then goes on. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.warn("simulated event system {}: a delivery still runs after {} ms; going on", config.name(),
                        STOP_WAIT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What it simulates, for the list command (and, since API 1.2, ts:report). */
    @Override
    public String describe() {
        return (config.receiver() ? config.clockRateHz() + " Hz ticks, sync event 0x" + Integer.toHexString(config.syncEvent())
                + " every " + config.resetPeriodSeconds() + " s, user events " + userEvents : "no receiver") + faults();
    }

    String name() {
        return config.name();
    }

    @Override
    public boolean hasReceiver() {
        return config.receiver();
    }

    @Override
    public int numberOfEvents() {
        return 256;
    }

    @Override
    public int clockRateHz() {
        return config.clockRateHz();
    }

    @Override
    public int syncEventNumber() {
        return config.syncEvent();
    }

    @Override
    public long ticksSinceReset() throws EventSystemException {
        if (!config.receiver()) {
            throw new EventSystemException("simulated event system " + config.name() + " has no receiver");
        }
        return ticksNow();
    }

    @Override
    public Registration registerEventHandler(EventHandler handler) {
        eventHandlers.add(handler);
        return () -> eventHandlers.remove(handler);
    }

    @Override
    public Registration registerErrorHandler(ErrorHandler handler) {
        errorHandlers.add(handler);
        return () -> errorHandlers.remove(handler);
    }

    @Override
    public void forceSync() throws EventSystemException {
        if (!config.receiver()) {
            throw new EventSystemException("simulated event system " + config.name() + " has no receiver");
        }
        thread.execute(this::reset);
    }

    @Override
    public boolean hasDirectTime() {
        return config.directTime();
    }

    @Override
    public long directTimeNanos() throws EventSystemException {
        if (!config.directTime()) {
            throw new EventSystemException("simulated event system " + config.name() + " has no direct time");
        }
        return EpicsTime.unixNanos(Instant.now());
    }

    private long ticksNow() {
        if (config.stopTicks()) {
            if (frozenTicks < 0) {
                frozenTicks = (System.nanoTime() - lastResetNanos) * config.clockRateHz() / 1_000_000_000L;
            }
            return frozenTicks;
        }
        return (System.nanoTime() - lastResetNanos) * config.clockRateHz() / 1_000_000_000L;
    }

    private void reset() {
        if (config.dropResets()) {
            return;
        }
        lastResetNanos = System.nanoTime();
        frozenTicks = -1;
        deliver(config.syncEvent(), 0);
    }

    private void deliver(int event, long ticks) {
        for (EventHandler h : eventHandlers) {
            try {
                h.onEvent(event, ticks);
            } catch (RuntimeException e) {
                LOG.warn("event handler failed on event {}", event, e);
            }
        }
    }

    private String faults() {
        StringBuilder f = new StringBuilder();
        if (config.stopTicks()) {
            f.append(", FAULT: ticks stopped");
        }
        if (config.dropResets()) {
            f.append(", FAULT: resets dropped");
        }
        if (config.errorPeriodSeconds() > 0) {
            f.append(", FAULT: error every ").append(config.errorPeriodSeconds()).append(" s");
        }
        return f.toString();
    }
}
