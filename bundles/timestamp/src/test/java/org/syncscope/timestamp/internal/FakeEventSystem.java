package org.syncscope.timestamp.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.syncscope.api.Registration;
import org.syncscope.api.eventsystem.ErrorHandler;
import org.syncscope.api.eventsystem.EventHandler;
import org.syncscope.api.eventsystem.EventSystemDriver;
import org.syncscope.api.eventsystem.EventSystemException;

/** A scripted event system and a controllable clock, for the engine's tests. */
class FakeEventSystem implements EventSystemDriver {

    static final int SYNC = 0x7D;

    final List<EventHandler> events = new CopyOnWriteArrayList<>();
    final List<ErrorHandler> errors = new CopyOnWriteArrayList<>();
    boolean receiver = true;
    volatile boolean initialised;
    volatile long ticks;
    Long directTime;
    volatile int forcedSyncs;
    volatile int inits;
    volatile int tickReads;
    /** The tick rate it reports; null: the API's default. */
    Integer clockRateHz;
    /** False: a receiver read through its IOC, whose ticksSinceReset() throws (API 1.2). */
    volatile boolean tickCounter = true;
    /** What describe() says. */
    volatile String description = "";

    @Override
    public void init() {
        initialised = true;
        inits++;
    }

    @Override
    public boolean hasReceiver() {
        return receiver;
    }

    @Override
    public int numberOfEvents() {
        return 256;
    }

    @Override
    public int syncEventNumber() {
        return SYNC;
    }

    @Override
    public int clockRateHz() {
        return clockRateHz != null ? clockRateHz : EventSystemDriver.super.clockRateHz();
    }

    @Override
    public long ticksSinceReset() throws EventSystemException {
        tickReads++;
        if (!tickCounter) {
            throw new EventSystemException("reading the tick counter is unsupported by this driver");
        }
        return ticks;
    }

    @Override
    public boolean hasTickCounter() {
        return tickCounter;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public Registration registerEventHandler(EventHandler handler) {
        events.add(handler);
        return () -> events.remove(handler);
    }

    @Override
    public Registration registerErrorHandler(ErrorHandler handler) {
        errors.add(handler);
        return () -> errors.remove(handler);
    }

    @Override
    public void forceSync() {
        forcedSyncs++;
    }

    @Override
    public boolean hasDirectTime() {
        return directTime != null;
    }

    @Override
    public long directTimeNanos() throws EventSystemException {
        if (directTime == null) {
            throw new EventSystemException("no direct time");
        }
        return directTime;
    }

    void sync() {
        ticks = 0;
        events.forEach(h -> h.onEvent(SYNC, 0));
    }

    void event(int number, long atTicks) {
        ticks = atTicks;
        events.forEach(h -> h.onEvent(number, atTicks));
    }

    /** An event with the user tag the hardware gave it (API 1.2's three-argument delivery). */
    void event(int number, long atTicks, long userTag) {
        ticks = atTicks;
        events.forEach(h -> h.onEvent(number, atTicks, userTag));
    }

    /** A clock the test moves by hand: monotonic and wall time move together unless told otherwise. */
    static final class Clock implements NanoClock {
        long mono = 1_000_000_000L;
        long wall;

        Clock(long wall) {
            this.wall = wall;
        }

        void advance(long nanos) {
            mono += nanos;
            wall += nanos;
        }

        @Override
        public long monotonicNanos() {
            return mono;
        }

        @Override
        public long wallNanos() {
            return wall;
        }
    }
}
