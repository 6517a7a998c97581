package org.syncscope.api.pv;

import java.util.List;

/**
 * Serves PVs to clients (a Channel Access server). Thread safe. PVs published by a bundle are
 * withdrawn when that bundle's service reference is released.
 */
public interface PvPublisher {

    /**
     * Publishes a PV with no value yet (clients see it with UDF/INVALID until the first post).
     *
     * @throws IllegalArgumentException if the name is not a valid EPICS PV name (the message
     *                                  names the bad character or length) or is already published
     */
    PublishedPv publish(PvSpec spec);

    /** Snapshot of every PV currently served, in name order. */
    List<PublishedPv> published();
}
