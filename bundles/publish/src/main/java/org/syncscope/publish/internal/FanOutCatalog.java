package org.syncscope.publish.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.syncscope.api.pv.PvCatalog;
import org.syncscope.api.pv.PvPublisher;

/** One catalog served on every protocol: its registration with each server. */
final class FanOutCatalog implements PvCatalog.Served {

    private final PvCatalog catalog;
    private final Runnable forget;
    // guarded by this
    private final Map<String, PvCatalog.Served> served = new LinkedHashMap<>();
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
        served.put(protocol, server.serve(catalog));
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
