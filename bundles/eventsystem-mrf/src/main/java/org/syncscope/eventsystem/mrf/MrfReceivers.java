package org.syncscope.eventsystem.mrf;

import java.util.List;

/** Every MRF event receiver configuration of this server with its state: running, or refused and why. */
public interface MrfReceivers {

    /** Every configuration, by file. */
    List<MrfReceiverState> all();
}
