package org.syncscope.api.time;

/**
 * Told each time an event-system event (or a soft clock event) occurs. Called on the timestamp
 * service's event thread, in event order; must return quickly and must not throw.
 */
@FunctionalInterface
public interface TimeEventListener {

    /**
     * @param event          event number 1..255
     * @param eventTimeNanos the event's time (its entry in the event time table), ns since the Unix epoch
     */
    void onEvent(int event, long eventTimeNanos);
}
