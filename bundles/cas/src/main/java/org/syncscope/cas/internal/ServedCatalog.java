package org.syncscope.cas.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.pv.PvCatalog;
import org.syncscope.api.pv.PvReading;
import org.syncscope.api.pv.PvSpec;

/**
 * A catalog this server serves (the registration its owner holds). Its PVs are made on demand;
 * closing it withdraws them. A catalog that throws is logged (at most once a minute) and taken
 * as not having the name, so it never breaks a search of another catalog's or a static PV.
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

    /** The spec of {@code name} if this catalog has it now (under that very name) and CA can carry it, else null. */
    PvSpec find(String name) {
        if (closed) {
            return null;
        }
        try {
            PvSpec spec = catalog.find(name);
            // a table is for pvAccess only: over Channel Access the name does not exist
            return spec != null && spec.name().equals(name) && spec.type() != org.syncscope.api.pv.PvType.TABLE
                    ? spec : null;
        } catch (RuntimeException e) {
            failed("find(" + name + ")", e);
            return null;
        }
    }

    /** Its names now; empty once closed, or (logged) if it throws. */
    Iterable<String> names() {
        if (closed) {
            return List.of();
        }
        try {
            return catalog.names();
        } catch (RuntimeException e) {
            failed("names()", e);
            return List.of();
        }
    }

    /**
     * Readings of {@code names}; null once closed (its owner may be gone: a listing begun before the
     * close asks nothing more of it), or (logged) if it throws or answers another count.
     */
    List<PvReading> read(List<String> names) {
        if (closed) {
            return null;
        }
        try {
            List<PvReading> readings = catalog.read(names);
            if (readings == null || readings.size() != names.size()) {
                failed("read(" + names.size() + " names)", new IllegalStateException("answered "
                        + (readings == null ? "null" : readings.size() + " readings")));
                return null;
            }
            return readings;
        } catch (RuntimeException e) {
            failed("read(" + names.size() + " names)", e);
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

    /** Names are asked for on demand, so a change needs nothing here. */
    @Override
    public void namesChanged() {
    }

    /** Withdraws every PV made from this catalog (clients see them disconnect), telling it {@code closed} for each. */
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
