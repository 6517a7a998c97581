package org.syncscope.publish.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvCatalog;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvReading;
import org.syncscope.api.pv.PvSpec;

/**
 * One catalog served on every protocol: its registration with each server. A name open on several
 * servers at once is one PV to the catalog (a {@link FanOutPv} holding each server's handle): the
 * catalog is opened when the first server opens the name and told it is closed when the last
 * one lets it go, since a catalog keeps one PV per name (a sync profile's output slot) and a
 * second {@code open} would take the first server's copy off its posts.
 */
final class FanOutCatalog implements PvCatalog.Served {

    private final PvCatalog catalog;
    private final Runnable forget;
    // guarded by this
    private final Map<String, PvCatalog.Served> served = new LinkedHashMap<>();
    private final Map<String, FanOutPv> open = new HashMap<>();
    private boolean closed;

    FanOutCatalog(PvCatalog catalog, Runnable forget) {
        this.catalog = catalog;
        this.forget = forget;
    }

    synchronized void attach(String protocol, PvPublisher server) {
        if (closed) {
            return;
        }
        detach(protocol);
        served.put(protocol, server.serve(viewFor(protocol)));
    }

    /** The catalog as {@code protocol}'s server sees it: its opens and closes merged with the other servers'. */
    private PvCatalog viewFor(String protocol) {
        return new PvCatalog() {
            @Override
            public PvSpec find(String name) {
                return catalog.find(name);
            }

            @Override
            public Iterable<String> names() {
                return catalog.names();
            }

            @Override
            public void open(PublishedPv pv) {
                openOn(protocol, pv);
            }

            @Override
            public void closed(PublishedPv pv) {
                closedOn(protocol, pv);
            }

            @Override
            public List<PvReading> read(List<String> names) {
                return catalog.read(names);
            }
        };
    }

    private void openOn(String protocol, PublishedPv pv) {
        String name = pv.spec().name();
        FanOutPv shared;
        boolean first;
        synchronized (this) {
            shared = open.get(name);
            first = shared == null;
            if (first) {
                FanOutPv[] self = new FanOutPv[1];
                // the catalog closing it itself (the name left it) ends it on every server
                self[0] = new FanOutPv(pv.spec(), () -> forgetOpen(name, self[0]));
                shared = self[0];
                open.put(name, shared);
            }
            shared.adopt(protocol, pv);   // a later server gets the last post at once
        }
        if (first) {
            // outside this lock: the catalog may wait for its owner's thread, which posts to shared
            try {
                catalog.open(shared);
            } catch (RuntimeException refused) {
                forgetOpen(name, shared);
                throw refused;
            }
        }
    }

    private void closedOn(String protocol, PublishedPv pv) {
        String name = pv.spec().name();
        FanOutPv shared;
        synchronized (this) {
            shared = open.get(name);
            if (shared == null || !shared.release(protocol, pv)) {
                return;
            }
            open.remove(name);
        }
        catalog.closed(shared);
    }

    private synchronized void forgetOpen(String name, FanOutPv pv) {
        open.remove(name, pv);
    }

    synchronized void detach(String protocol) {
        PvCatalog.Served s = served.remove(protocol);
        if (s != null) {
            closeQuietly(s);
        }
    }

    @Override
    public synchronized void namesChanged() {
        for (PvCatalog.Served s : served.values()) {
            s.namesChanged();
        }
    }

    @Override
    public void close() {
        forget.run();
        synchronized (this) {
            closed = true;
            served.values().forEach(FanOutCatalog::closeQuietly);
            served.clear();
        }
    }

    private static void closeQuietly(PvCatalog.Served s) {
        try {
            s.close();
        } catch (RuntimeException alreadyGone) {
            // its server went first
        }
    }
}
