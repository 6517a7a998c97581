package org.syncscope.cas.internal;

import gov.aps.jca.CAStatus;
import gov.aps.jca.CAStatusException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.pv.PvCatalog;
import org.syncscope.api.pv.PvReading;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.cas.ServedPvInfo;

/**
 * The catalogs served and the PVs made from them while clients use them. A search asks the
 * catalogs in the order they were served (the first that has the name wins); a client's attach
 * makes the PV, once, and opens it with its catalog. A made PV with no channel for
 * {@link #idleMillis(long) the idle time} is withdrawn by the sweep (thread {@code syncscope-cas-idle},
 * which runs while a catalog is served) and its catalog told {@code closed}.
 */
final class OnDemandPvs {

    private static final Logger LOG = LoggerFactory.getLogger(OnDemandPvs.class);
    /** Default idle time before an unused on-demand PV is withdrawn (cas key {@code catalogIdleSeconds}). */
    static final long DEFAULT_IDLE_MS = 30_000;
    /** Names per {@link PvCatalog#read} call in a listing. */
    static final int READ_BATCH = 10_000;
    /** An attach that keeps finding the PV withdrawn under it gives up after this many tries. */
    private static final int ATTACH_TRIES = 5;

    private final List<ServedCatalog> catalogs = new CopyOnWriteArrayList<>();
    private final Map<String, MadePv> made = new ConcurrentHashMap<>();
    /** Tells a withdrawn PV's clients (the server's withdraw thread). */
    private final Consumer<ServedPv> disconnect;
    private final ScheduledThreadPoolExecutor sweeper = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "syncscope-cas-idle");
        t.setDaemon(true);
        return t;
    });
    private volatile long idleNanos = DEFAULT_IDLE_MS * 1_000_000L;
    private ScheduledFuture<?> sweep;   // guarded by this

    OnDemandPvs(Consumer<ServedPv> disconnect) {
        this.disconnect = disconnect;
        // the thread ends 10 s after the last catalog is withdrawn
        sweeper.setKeepAliveTime(10, TimeUnit.SECONDS);
        sweeper.allowCoreThreadTimeOut(true);
        sweeper.setRemoveOnCancelPolicy(true);
    }

    /** Serves {@code catalog} after those served before it; {@code afterClose} is told when its registration closes. */
    ServedCatalog serve(PvCatalog catalog, Consumer<ServedCatalog> afterClose) {
        ServedCatalog served = new ServedCatalog(java.util.Objects.requireNonNull(catalog, "catalog"), c -> {
            withdrawCatalog(c);
            afterClose.accept(c);
        });
        catalogs.add(served);
        rescheduleSweep();
        return served;
    }

    /** How long a made PV may have no channel before it is withdrawn. */
    void idleMillis(long millis) {
        if (millis < 1) {
            throw new IllegalArgumentException("idle time " + millis + " ms must be at least 1 ms");
        }
        if (idleNanos != millis * 1_000_000L) {
            idleNanos = millis * 1_000_000L;
            rescheduleSweep();
        }
    }

    long idleMillis() {
        return idleNanos / 1_000_000L;
    }

    /** Whether a search for {@code name} is answered: it is made now, or a catalog has it. */
    boolean has(String name) {
        return made.containsKey(name) || owner(name) != null;
    }

    private record Found(ServedCatalog catalog, PvSpec spec) {
    }

    private Found owner(String name) {
        for (ServedCatalog c : catalogs) {
            PvSpec spec = c.find(name);
            if (spec != null) {
                return new Found(c, spec);
            }
        }
        return null;
    }

    /**
     * A client attaches to {@code name}: the PV made for it (made and opened now if it is not),
     * or null if no catalog has the name.
     *
     * @throws CAStatusException if the catalog refused to open it or it could not be served
     */
    ServedPv attach(String name) throws CAStatusException {
        for (int tries = 0; tries < ATTACH_TRIES; tries++) {
            MadePv m = made.get(name);
            if (m == null) {
                Found found = owner(name);
                if (found == null) {
                    return null;
                }
                MadePv fresh = new MadePv(found.catalog(), new ServedPv(checked(found.catalog(), found.spec())), this::closedByCatalog);
                m = made.putIfAbsent(name, fresh);
                if (m == null) {
                    open(fresh);
                    m = fresh;
                }
            }
            if (awaitOpen(m) && m.pv().attached()) {
                return m.pv();
            }
            made.remove(name, m);   // withdrawn or failed meanwhile: make it again
        }
        throw new CAStatusException(CAStatus.DEFUNCT, "PV " + name + " was withdrawn while a client attached");
    }

    /** A spec Channel Access can serve, else refused (logged as the catalog's failure, at most once a minute). */
    private static PvSpec checked(ServedCatalog catalog, PvSpec spec) throws CAStatusException {
        try {
            PvNames.validate(spec.name());
            Dbrs.nativeType(spec.type());
            return spec;
        } catch (IllegalArgumentException bad) {
            catalog.failed("find(" + spec.name() + ") offered a PV Channel Access cannot serve", bad);
            throw new CAStatusException(CAStatus.BADTYPE, bad.getMessage());
        }
    }

    private static boolean awaitOpen(MadePv m) throws CAStatusException {
        try {
            return m.awaitOpen();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CAStatusException(CAStatus.DEFUNCT, "interrupted while PV " + m.name() + " was opened");
        }
    }

    /** Opens a PV just made with its catalog; if the catalog refuses, nothing of it stays. */
    private void open(MadePv m) throws CAStatusException {
        try {
            m.origin().catalog().open(m.handle());
        } catch (RuntimeException refused) {
            made.remove(m.name(), m);
            m.pv().withdraw();
            m.handle().withdrawn();   // a post to it fails from now on
            m.failed();
            LOG.info("PV catalog {} refused to open {}: {}", m.origin().catalog(), m.name(), refused.toString());
            throw new CAStatusException(CAStatus.DEFUNCT, "PV " + m.name() + " cannot be served: " + refused.getMessage());
        }
        if (m.origin().isClosed()) {
            m.startWithdraw(true);   // withdrawn while it opened: its catalog's close may have missed it
        }
        if (!m.opened()) {
            finishWithdraw(m, m.tellCatalog());
        }
    }

    /** The catalog closed the handle itself (the name left it): clients see the disconnect; it is not told closed. */
    private void closedByCatalog(MadePv m) {
        withdraw(m, false);
    }

    /** A static PV takes {@code name}: one made for it is withdrawn (its clients reconnect to the static one). */
    void withdrawName(String name) {
        MadePv m = made.get(name);
        if (m != null) {
            withdraw(m, true);
        }
    }

    private void withdrawCatalog(ServedCatalog c) {
        catalogs.remove(c);
        for (MadePv m : made.values()) {
            if (m.origin() == c) {
                withdraw(m, true);
            }
        }
        rescheduleSweep();
    }

    private void withdraw(MadePv m, boolean tellCatalog) {
        if (m.startWithdraw(tellCatalog)) {
            finishWithdraw(m, tellCatalog);
        }
    }

    private void finishWithdraw(MadePv m, boolean tellCatalog) {
        made.remove(m.name(), m);
        m.pv().withdraw();
        boolean wasOpen = m.handle().withdrawn();
        disconnect.accept(m.pv());
        if (tellCatalog && wasOpen) {
            try {
                m.origin().catalog().closed(m.handle());
            } catch (RuntimeException e) {
                m.origin().failed("closed(" + m.name() + ")", e);
            }
        }
    }

    /** Withdraws the made PVs no client used for the idle time. */
    private void sweep() {
        long now = System.nanoTime();
        long idle = idleNanos;
        for (MadePv m : made.values()) {
            if (m.isOpen() && m.pv().withdrawIfUnusedFor(idle, now)) {
                withdraw(m, true);
            }
        }
    }

    /** Sweeps while a catalog is served, a few times per idle time (at most every second). */
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
        for (MadePv m : made.values()) {
            if (m.isLive()) {
                out.add(m.pv());
            }
        }
        return out;
    }

    /**
     * Catalog names matching {@code match} that are neither made now nor {@code servedElsewhere}
     * (a static PV), each once (the first catalog having it): the first {@code max} are added to
     * {@code out} with the catalog's readings, read {@value #READ_BATCH} names per call. Returns how
     * many matched in all.
     */
    long listUnmade(Predicate<String> match, Predicate<String> servedElsewhere, int max, List<ServedPvInfo> out) {
        long matching = 0;
        List<ServedCatalog> all = List.copyOf(catalogs);
        for (int i = 0; i < all.size(); i++) {
            ServedCatalog c = all.get(i);
            List<ServedCatalog> before = all.subList(0, i);
            List<String> batch = new ArrayList<>();
            for (String name : c.names()) {
                if (c.isClosed()) {
                    break;   // withdrawn while listed: none of its names is served any more
                }
                if (!match.test(name) || made.containsKey(name) || servedElsewhere.test(name) || hasAny(before, name)) {
                    continue;
                }
                matching++;
                if (out.size() + batch.size() < max) {
                    batch.add(name);
                    if (batch.size() == READ_BATCH) {
                        addReadings(c, batch, out);
                        batch.clear();
                    }
                }
            }
            addReadings(c, batch, out);
        }
        return matching;
    }

    private static boolean hasAny(List<ServedCatalog> catalogs, String name) {
        for (ServedCatalog c : catalogs) {
            if (c.find(name) != null) {
                return true;
            }
        }
        return false;
    }

    private static void addReadings(ServedCatalog c, List<String> names, List<ServedPvInfo> out) {
        if (names.isEmpty()) {
            return;
        }
        List<PvReading> readings = c.read(names);
        for (int i = 0; i < names.size(); i++) {
            PvSpec spec = c.find(names.get(i));
            PvReading r = readings == null ? null : readings.get(i);
            if (spec != null) {   // else it left the catalog meanwhile
                out.add(new ServedPvInfo(spec.name(), spec.type(), r == null ? null : r.value(),
                        r == null ? org.syncscope.api.pv.AlarmSeverity.INVALID : r.severity(), 0, spec.writable(),
                        ServedPvInfo.Kind.ON_DEMAND));
            }
        }
    }
}
