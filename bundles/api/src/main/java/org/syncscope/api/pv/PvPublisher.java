package org.syncscope.api.pv;

import java.util.ArrayList;
import java.util.List;
import org.syncscope.api.Registration;

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

    /**
     * Serves a catalog's PVs on demand: a PV exists for clients when they look for it and while
     * they use it (see {@link PvCatalog}). Closing the registration withdraws every PV of the
     * catalog (connected clients see them disconnect) and calls {@link PvCatalog#closed} for each.
     *
     * <p>This default, for publishers that cannot find names on demand, publishes every name of
     * the catalog at once and opens each; names the catalog gains later are not served.
     *
     * @throws IllegalArgumentException if one of the names is refused (nothing stays published)
     */
    default Registration serve(PvCatalog catalog) {
        List<PublishedPv> opened = new ArrayList<>();
        try {
            for (String name : catalog.names()) {
                PvSpec spec = catalog.find(name);
                if (spec != null) {
                    PublishedPv pv = publish(spec);
                    opened.add(pv);
                    catalog.open(pv);
                }
            }
        } catch (RuntimeException refused) {
            opened.forEach(PublishedPv::close);
            opened.forEach(catalog::closed);
            throw refused;
        }
        return () -> {
            for (PublishedPv pv : opened) {
                pv.close();
                catalog.closed(pv);
            }
            opened.clear();
        };
    }
}
