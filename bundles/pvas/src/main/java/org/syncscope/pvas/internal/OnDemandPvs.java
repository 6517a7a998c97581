package org.syncscope.pvas.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.pv.PvCatalog;
import org.syncscope.api.pv.PvNames;
import org.syncscope.api.pv.PvSpec;

/**
 * The catalogs served and the PVs made from them while clients use them. Simpler than the
 * Channel Access server's: PVs are made one at a time (a client creating a channel to a catalog
 * name while another is being opened waits for that open, which the catalog keeps short). A made
 * PV with no channel for the idle time is withdrawn by the sweep (thread
 * {@code syncscope-pvas-idle}, running while a catalog is served) and its catalog told
 * {@code closed}.
 */
final class OnDemandPvs {

    private static final Logger LOG = LoggerFactory.getLogger(OnDemandPvs.class);

    /** A PV made from a catalog. */
    private record Made(ServedCatalog origin, PublishedPvHandle handle) {
        ServedPv pv() {
            return handle.pv();
        }
    }

    private final List<ServedCatalog> catalogs = new CopyOnWriteArrayList<>();
    private final Map<String, Made> made = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor sweeper = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "syncscope-pvas-idle");
        t.setDaemon(true);
        return t;
    });
    private volatile long idleNanos = 30_000_000_000L;
    private ScheduledFuture<?> sweep;   // guarded by this

    OnDemandPvs() {
        sweeper.setKeepAliveTime(10, TimeUnit.SECONDS);
        sweeper.allowCoreThreadTimeOut(true);
        sweeper.setRemoveOnCancelPolicy(true);
    }

    PvCatalog.Served serve(PvCatalog catalog, Consumer<PvCatalog.Served> afterClose) {
        ServedCatalog served = new ServedCatalog(java.util.Objects.requireNonNull(catalog, "catalog"), c -> {
            withdrawCatalog(c);
            afterClose.accept(c);
        });
        catalogs.add(served);
        rescheduleSweep();
        return served;
    }

    void idleMillis(long millis) {
        if (idleNanos != millis * 1_000_000L) {
            idleNanos = millis * 1_000_000L;
            rescheduleSweep();
        }
    }

    /** Whether a search for {@code name} is answered "found". */
    boolean has(String name) {
        return made.containsKey(name) || owner(name) != null;
    }

    private ServedCatalog owner(String name) {
        for (ServedCatalog c : catalogs) {
            if (c.find(name) != null) {
                return c;
            }
        }
        return null;
    }

    /**
     * The PV made for {@code name}, made and opened now if it is not; null if no catalog has it.
     *
     * @throws IllegalStateException if the catalog refused to open it (nothing of it stays)
     */
    synchronized ServedPv attach(String name) {
        Made m = made.get(name);
        if (m != null && m.pv().attached()) {
            return m.pv();
        }
        for (ServedCatalog c : catalogs) {
            PvSpec spec = c.find(name);
            if (spec != null) {
                return open(c, spec).pv();
            }
        }
        return null;
    }

    private Made open(ServedCatalog c, PvSpec spec) {
        try {
            PvNames.validate(spec.name());
        } catch (IllegalArgumentException bad) {
            c.failed("find(" + spec.name() + ") offered a PV that cannot be served", bad);
            throw new IllegalStateException(bad.getMessage());
        }
        ServedPv pv = new ServedPv(spec);
        Made[] self = new Made[1];
        PublishedPvHandle handle = new PublishedPvHandle(pv, h -> closedByCatalog(self[0]));
        Made m = new Made(c, handle);
        self[0] = m;
        try {
            c.catalog().open(handle);
        } catch (RuntimeException refused) {
            handle.withdrawn();
            pv.withdraw();
            LOG.info("PV catalog {} refused to open {}: {}", c.catalog(), spec.name(), refused.toString());
            throw new IllegalStateException("PV " + spec.name() + " cannot be served: " + refused.getMessage());
        }
        made.put(spec.name(), m);
        pv.attached();
        return m;
    }

    /** The catalog closed the handle itself (the name left it): clients are cut off; it is not told closed. */
    private void closedByCatalog(Made m) {
        if (made.remove(m.pv().name(), m)) {
            m.pv().withdraw();
        }
    }

    /** A PV is published under {@code name}: one made for it is withdrawn (published PVs come first). */
    void withdrawName(String name) {
        Made m = made.get(name);
        if (m != null) {
            withdraw(m);
        }
    }

    private void withdrawCatalog(ServedCatalog c) {
        catalogs.remove(c);
        for (Made m : made.values()) {
            if (m.origin() == c) {
                withdraw(m);
            }
        }
        rescheduleSweep();
    }

    /** Withdraws a made PV and tells its catalog, outside any lock of ours. */
    private void withdraw(Made m) {
        if (made.remove(m.pv().name(), m)) {
            m.pv().withdraw();
            if (m.handle().withdrawn()) {
                try {
                    m.origin().catalog().closed(m.handle());
                } catch (RuntimeException e) {
                    m.origin().failed("closed(" + m.pv().name() + ")", e);
                }
            }
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Made m : made.values()) {
            if (m.pv().withdrawIfUnusedFor(idleNanos, now)) {
                withdraw(m);
            }
        }
    }

    private synchronized void rescheduleSweep() {
        if (sweep != null) {
            sweep.cancel(false);
            sweep = null;
        }
        if (!catalogs.isEmpty()) {
            long period = Math.min(Math.max(idleNanos / 4, 10_000_000L), 1_000_000_000L);
            sweep = sweeper.scheduleWithFixedDelay(() -> {
                try {
                    sweep();
                } catch (RuntimeException e) {
                    LOG.warn("sweeping idle on-demand PVs failed", e);
                }
            }, period, period, TimeUnit.NANOSECONDS);
        }
    }

    /** The PVs made now. */
    List<ServedPv> madePvs() {
        List<ServedPv> out = new ArrayList<>();
        made.values().forEach(m -> out.add(m.pv()));
        return out;
    }
}
