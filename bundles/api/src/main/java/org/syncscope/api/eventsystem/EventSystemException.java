package org.syncscope.api.eventsystem;

/** The event system could not do what was asked: hardware absent, failed, or not initialised. */
public class EventSystemException extends Exception {
    private static final long serialVersionUID = 1L;

    public EventSystemException(String message) {
        super(message);
    }

    public EventSystemException(String message, Throwable cause) {
        super(message, cause);
    }
}
