package org.syncscope.api.pv;

import org.syncscope.api.Registration;

/**
 * A PV being served. Posting is thread safe and does not block on clients: the value is stored
 * and monitors are notified asynchronously. {@link #close()} withdraws the PV; connected
 * clients see it disconnect.
 */
public interface PublishedPv extends Registration {

    /** The spec it was published with. */
    PvSpec spec();

    /**
     * Sets a new value and notifies monitors.
     *
     * @param value           must be of the spec's type
     * @param timestampNanos  the value's time in ns since the Unix epoch; served to clients exactly
     * @param severity        alarm severity to serve with it
     * @param status          alarm status to serve with it
     * @throws IllegalArgumentException if the value's type does not match the spec, a LONG is
     *                                  outside 32 bits, a string is too long, an array exceeds
     *                                  {@link PvSpec#maxElements()}, or the time is before 1990
     * @throws IllegalStateException    if the PV was closed
     */
    void post(PvValue value, long timestampNanos, AlarmSeverity severity, AlarmStatus status);

    /**
     * {@link #post(PvValue, long, AlarmSeverity, AlarmStatus)} of a DOUBLE without a value object:
     * a publisher that can stores the number, and builds an event only when a client monitors
     * the PV, so a post nobody watches allocates nothing.
     */
    default void post(double value, long timestampNanos, AlarmSeverity severity, AlarmStatus status) {
        post(new PvValue.DoubleValue(value), timestampNanos, severity, status);
    }

    /** Number of client monitors currently attached to this PV (over every protocol it is served on). */
    int subscriberCount();
}
