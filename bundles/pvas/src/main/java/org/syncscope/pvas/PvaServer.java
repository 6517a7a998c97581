package org.syncscope.pvas;

import java.util.List;

/**
 * The one pvAccess server of this Karaf (PID {@code org.syncscope.pvas}). Bundles publish through
 * the {@code PvPublisher} service with {@code protocol=pva}; this is what a console shows of it.
 */
public interface PvaServer {

    /**
     * {@code serving on TCP 5075, UDP 5076}, {@code starting on …}, or why it does not serve
     * (a refused configuration names its file and key).
     */
    String status();

    /** The names of the PVs that exist now (published and made from catalogs), in name order. */
    List<String> pvNames();

    /** Monitor elements dropped so far because a client read slower than the PVs were posted. */
    long droppedUpdates();
}
