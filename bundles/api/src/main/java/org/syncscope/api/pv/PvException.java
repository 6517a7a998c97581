package org.syncscope.api.pv;

/** A PV operation failed: no server answered in time, the name is unknown, or the value was refused. */
public class PvException extends Exception {
    private static final long serialVersionUID = 1L;

    public PvException(String message) {
        super(message);
    }

    public PvException(String message, Throwable cause) {
        super(message, cause);
    }
}
