package org.syncscope.api.pv;

import java.time.Duration;

/**
 * Reads process variables over one control-system protocol. Registered with the service
 * property {@value #PROTOCOL} (for example {@code protocol=ca}); consumers pick a source with a
 * target filter on it. Implementations are thread safe.
 */
public interface PvSource {

    /** Service property naming the protocol, e.g. {@code ca}. */
    String PROTOCOL = "protocol";

    /**
     * Starts monitoring {@code pvName}. Returns at once, whether or not a server is reachable;
     * connection changes and updates arrive at the listener.
     *
     * @throws IllegalArgumentException if the name is not a valid PV name for this protocol
     *                                  (the message names the bad part)
     */
    Subscription subscribe(String pvName, PvListener listener);

    /**
     * Reads the current value once.
     *
     * @throws PvException              if no server answered within {@code timeout} or the read failed
     * @throws IllegalArgumentException if the name is not a valid PV name
     */
    PvUpdate get(String pvName, Duration timeout) throws PvException;
}
