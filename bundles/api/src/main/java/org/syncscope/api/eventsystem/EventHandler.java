package org.syncscope.api.eventsystem;

/**
 * Receives events from an event receiver (drvTS {@code TSeventHandler}). Called on the driver's
 * delivery thread, one event at a time in arrival order; must return quickly and must not throw.
 */
@FunctionalInterface
public interface EventHandler {

    /**
     * @param eventNumber the event, 0..{@link EventSystemDriver#numberOfEvents()}−1
     * @param ticks       the receiver's tick counter latched when the event arrived (ticks since
     *                    the last sync event; 0 for the sync event itself)
     */
    void onEvent(int eventNumber, long ticks);
}
