package org.syncscope.timestamp.internal.net;

/** A received datagram is not a valid drvTS or NTP packet; the message says which part is wrong. */
public class MalformedPacketException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedPacketException(String message) {
        super(message);
    }
}
