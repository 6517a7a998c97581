package org.syncscope.timestamp.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.BooleanSupplier;
import org.syncscope.api.Registration;
import org.syncscope.api.eventsystem.ErrorHandler;
import org.syncscope.api.eventsystem.EventHandler;
import org.syncscope.api.eventsystem.EventSystemDriver;
import org.syncscope.api.eventsystem.EventSystemException;

/**
 * The clock's handlers registered with the event system in use, and {@code init()} once per
 * driver as the SPI says. No lock is held while the driver is called; an attach overtaken by a
 * release lets go of what it registered.
 */
final class DriverLink {

    // guarded by this
    private final List<Registration> registrations = new ArrayList<>();
    private long generation;
    // guarded by itself
    private final Set<EventSystemDriver> initialised = Collections.newSetFromMap(new WeakHashMap<>());

    /**
     * Takes {@code d}'s events and errors, then runs its init() unless it ran before.
     *
     * @param current whether {@code d} is still the one to use (a release may overtake us)
     * @return false if {@code d} was let go meanwhile
     */
    boolean attach(EventSystemDriver d, EventHandler events, ErrorHandler errors, BooleanSupplier current)
            throws EventSystemException {
        long gen;
        synchronized (this) {
            gen = generation;
        }
        if (!current.getAsBoolean()) {
            return false;
        }
        List<Registration> mine = List.of(d.registerEventHandler(events), d.registerErrorHandler(errors));
        boolean kept;
        synchronized (this) {
            kept = gen == generation;
            if (kept) {
                registrations.addAll(mine);
            }
        }
        if (!kept) {
            mine.forEach(Registration::close);
            return false;
        }
        boolean first;
        synchronized (initialised) {
            first = initialised.add(d);
        }
        if (first) {
            d.init();
        }
        return true;
    }

    /** Closes our registrations (memory only for a driver that keeps its handlers in a list). */
    void release() {
        List<Registration> let;
        synchronized (this) {
            generation++;
            let = new ArrayList<>(registrations);
            registrations.clear();
        }
        let.forEach(Registration::close);
    }
}
