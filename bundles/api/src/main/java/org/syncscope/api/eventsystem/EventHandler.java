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

    /**
     * {@link #onEvent(int, long)} with the user tag the hardware gave the event (the timestamp's
     * {@code userTag} an MRF receiver's IOC serves over pvAccess: a pulse or cycle ID); 0 where there
     * is none. This default drops the tag.
     *
     * @since 1.2
     */
    default void onEvent(int eventNumber, long ticks, long userTag) {
        onEvent(eventNumber, ticks);
    }
}
