package org.syncscope.pvas.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.pv.PvCatalog;
import org.syncscope.api.pv.PvSpec;

/**
 * A catalog served on demand (the registration its owner holds). A catalog that throws is logged
 * at most once a minute and taken as not having the name.
 */
final class ServedCatalog implements PvCatalog.Served {

    private static final Logger LOG = LoggerFactory.getLogger(ServedCatalog.class);
    private static final long WARN_EVERY_NANOS = 60_000_000_000L;

    private final PvCatalog catalog;
    private final Consumer<ServedCatalog> onClose;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private volatile boolean closed;

    ServedCatalog(PvCatalog catalog, Consumer<ServedCatalog> onClose) {
        this.catalog = catalog;
        this.onClose = onClose;
    }

    PvCatalog catalog() {
        return catalog;
    }

    boolean isClosed() {
        return closed;
    }

    /** The spec of {@code name} (under that very name) if the catalog has it now, else null. */
    PvSpec find(String name) {
        if (closed) {
            return null;
        }
        try {
            PvSpec spec = catalog.find(name);
            return spec != null && spec.name().equals(name) ? spec : null;
        } catch (RuntimeException e) {
            failed("find(" + name + ")", e);
            return null;
        }
    }

    void failed(String call, RuntimeException e) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            LOG.warn("PV catalog {}: {} failed (further failures within a minute are not logged)", catalog, call, e);
        }
    }

    /** Names are asked for at each search: nothing to do. */
    @Override
    public void namesChanged() {
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        onClose.accept(this);
    }

    @Override
    public String toString() {
        return "ServedCatalog[" + catalog + "]";
    }
}
