package org.syncscope.api.pv;

/**
 * Accepts client writes (Channel Access puts) to a published PV. Only PVs published with a
 * write handler accept puts; all others refuse them with an access error.
 */
@FunctionalInterface
public interface WriteHandler {

    /**
     * Called on a server thread for each accepted put, with the value converted to the PV's type.
     *
     * @throws IllegalArgumentException to refuse the value; the client gets a put error
     *                                  carrying the message
     */
    void onWrite(PvValue value);
}
