package org.syncscope.api.pv;

import java.util.ArrayList;
import java.util.List;

/**
 * Serves PVs to clients (a Channel Access or pvAccess server, or every one of them). Thread safe. PVs published by a bundle are
 * withdrawn when that bundle's service reference is released.
 */
public interface PvPublisher {

    /**
     * The target of a component's publisher reference: the one publisher that serves each PV on
     * every configured protocol ({@code protocol=all}, bundle {@code publish}); the protocol servers
     * themselves are {@code protocol=ca} and {@code protocol=pva}.
     *
     * @since 1.3
     */
    String ALL_PROTOCOLS = "(" + PvSource.PROTOCOL + "=all)";

    /**
     * Publishes a PV with no value yet (clients see it with UDF/INVALID until the first post).
     *
     * @throws IllegalArgumentException if the name is not a valid EPICS PV name (the message
     *                                  names the bad character or length) or is already published
     */
    PublishedPv publish(PvSpec spec);

    /**
     * Whether this publisher serves PVs of {@code type}; {@link #publish} refuses the others. This
     * default: every type but {@link PvType#TABLE}, which Channel Access cannot carry.
     *
     * @since 1.3
     */
    default boolean carries(PvType type) {
        return type != PvType.TABLE;
    }

    /**
     * Snapshot of every PV that exists now, in name order: those published and, for a publisher
     * that serves catalogs on demand, those made while clients use them (not every name of every
     * catalog: a catalog lists its own, {@link PvCatalog#names()}).
     */
    List<PublishedPv> published();

    /**
     * Serves a catalog's PVs on demand: a PV exists for clients when they look for it and while
     * they use it (see {@link PvCatalog}). Closing the registration withdraws every PV of the
     * catalog (connected clients see them disconnect) and calls {@link PvCatalog#closed} for each.
     *
     * <p>This default, for publishers that cannot find names on demand, publishes every name of
     * the catalog at once and opens each; {@link PvCatalog.Served#namesChanged()} publishes the
     * names added since and withdraws those gone.
     *
     * @throws IllegalArgumentException (this default) if one of the names is refused (nothing stays
     *                                  published); a publisher that finds names on demand checks a
     *                                  name when a client asks for it instead
     */
    default PvCatalog.Served serve(PvCatalog catalog) {
        PvPublisher publisher = this;
        final class Eager implements PvCatalog.Served {
            private final java.util.Map<String, PublishedPv> opened = new java.util.LinkedHashMap<>();

            @Override
            public synchronized void namesChanged() {
                java.util.Set<String> now = new java.util.LinkedHashSet<>();
                catalog.names().forEach(now::add);
                for (java.util.Iterator<java.util.Map.Entry<String, PublishedPv>> it = opened.entrySet().iterator();
                        it.hasNext(); ) {
                    java.util.Map.Entry<String, PublishedPv> e = it.next();
                    if (!now.contains(e.getKey())) {
                        it.remove();
                        e.getValue().close();
                        catalog.closed(e.getValue());
                    }
                }
                List<PublishedPv> added = new ArrayList<>();
                try {
                    for (String name : now) {
                        PvSpec spec = opened.containsKey(name) ? null : catalog.find(name);
                        if (spec != null) {
                            PublishedPv pv = publisher.publish(spec);
                            added.add(pv);
                            catalog.open(pv);
                        }
                    }
                } catch (RuntimeException refused) {
                    added.forEach(PublishedPv::close);
                    added.forEach(catalog::closed);
                    throw refused;
                }
                added.forEach(pv -> opened.put(pv.spec().name(), pv));
            }

            @Override
            public synchronized void close() {
                for (PublishedPv pv : opened.values()) {
                    pv.close();
                    catalog.closed(pv);
                }
                opened.clear();
            }
        }
        Eager served = new Eager();
        served.namesChanged();
        return served;
    }
}
