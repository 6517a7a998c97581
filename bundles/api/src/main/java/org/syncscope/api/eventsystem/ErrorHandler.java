package org.syncscope.api.eventsystem;

/**
 * Receives errors reported by the event system (drvTS {@code TSErrorHandler}): lost events,
 * tick-counter overflow, loss of the event link. Same threading rules as {@link EventHandler}.
 */
@FunctionalInterface
public interface ErrorHandler {

    /**
     * @param errorCode   driver-specific code
     * @param description what happened, for logs and reports
     */
    void onError(int errorCode, String description);
}
