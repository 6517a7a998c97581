package org.syncscope.eventsystem.sim;

import java.util.List;

/** Every simulated event system configuration of this server with its state: running, or refused and why. */
public interface SimEventSystems {

    /** Every configuration, by file. */
    List<SimState> all();
}
