package org.syncscope.api.pv;

import org.syncscope.api.Registration;

/** A live monitor on one PV; {@link #close()} stops it and releases its channel. */
public interface Subscription extends Registration {

    /** The PV name this subscription monitors. */
    String pvName();

    /** Whether the channel is connected to a server right now. */
    boolean isConnected();
}
