package org.syncscope.api.time;

import org.syncscope.api.Registration;

/**
 * The site's time base, the drvTS design rebuilt: current time, the time of the last occurrence
 * of each of 256 events, and the state of synchronisation. Thread safe; the time-reading methods
 * never block and never return a time earlier than one they returned before.
 */
public interface TimestampService {

    /** Number of entries in the event time table (events 0..255). */
    int EVENT_COUNT = 256;

    /** The current time, ns since the Unix epoch. */
    long currentTime();

    /**
     * TSgetTimeStamp: the time event {@code event} last occurred, ns since the Unix epoch (0 if it
     * has not occurred since the service started). Event 0, and every event in soft mode, give
     * the current time.
     *
     * @throws IllegalArgumentException if {@code event} is outside 0..255
     */
    long eventTime(int event);

    /** Mode, role, sync state and last offset. */
    TimestampStatus status();

    /**
     * Calls {@code listener} each time {@code event} occurs.
     *
     * @throws IllegalArgumentException if {@code event} is outside 1..255
     */
    Registration addEventListener(int event, TimeEventListener listener);
}
