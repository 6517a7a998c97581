package org.syncscope.pmc.internal;

/** A reply (bytes or pmc text) that does not have the expected layout; the message names the part. */
final class MalformedReplyException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedReplyException(String message) {
        super(message);
    }
}
