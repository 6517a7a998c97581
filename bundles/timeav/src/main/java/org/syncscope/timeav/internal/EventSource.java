package org.syncscope.timeav.internal;

import org.syncscope.api.Registration;

/**
 * Where TIMEAV's events come from: a clock for periodic ones and the event system for clock
 * events. Tests drive one by hand.
 */
public interface EventSource {

    /** Wall-clock time now, ns since the Unix epoch. */
    long now();

    /** Runs {@code action} every {@code periodNanos}, the first time at once when {@code immediate}. */
    Registration every(long periodNanos, boolean immediate, Runnable action);

    /**
     * Runs {@code action} {@code delayNanos} after each occurrence of event-system event {@code event}.
     *
     * @throws IllegalArgumentException when the event system cannot deliver that event (the reason)
     */
    Registration onClockEvent(int event, long delayNanos, Runnable action);

    /** Runs {@code action} once, soon. */
    Registration once(Runnable action);
}
