package org.syncscope.pvas.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.epics.pvaccess.PVAException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvCatalog;
import org.syncscope.api.pv.PvNames;
import org.syncscope.api.pv.PvSpec;

/**
 * A pvAccess server and the PVs it serves. The PVs outlive the library's context, so
 * {@link #restart} (new ports, say) keeps every one; clients reconnect.
 */
final class PvAccessServer {

    private static final Logger LOG = LoggerFactory.getLogger(PvAccessServer.class);

    private final Map<String, ServedPv> pvs = new ConcurrentHashMap<>();
    private final OnDemandPvs onDemand = new OnDemandPvs();
    private final LongAdder dropped = new LongAdder();
    private final PvaProvider provider = new PvaProvider(this, dropped);
    private volatile int monitorQueueSize = 16;
    private PvaContext context;          // guarded by this
    private ServerSettings settings;     // guarded by this

    /** The ports bound: the TCP one may differ from the configured one when that was taken. */
    public record Ports(int tcp, int udp) {
        @Override
        public String toString() {
            return "TCP " + tcp + ", UDP " + udp;
        }
    }

    public synchronized void start(ServerSettings s) throws PVAException {
        if (context != null) {
            throw new IllegalStateException("already started");
        }
        context = PvaContext.start(s, provider);
        settings = s;
        if (context.tcpPort() != s.serverPort()) {
            LOG.warn("pvAccess server: TCP port {} is in use; serving on {} instead (UDP searches find it)",
                    s.serverPort(), context.tcpPort());
        }
        LOG.info("pvAccess server on {} serving {} PVs", ports(), pvs.size());
    }

    /** Stops the context; the PVs stay for the next start. Idempotent. */
    public synchronized void stop() {
        if (context == null) {
            return;
        }
        Ports was = ports();
        context.stop();
        context = null;
        LOG.info("pvAccess server on {} stopped", was);
    }

    public synchronized void restart(ServerSettings s) throws PVAException {
        stop();
        start(s);
    }

    public synchronized ServerSettings settings() {
        return settings;
    }

    /** The ports bound now, null when not serving. */
    public synchronized Ports ports() {
        return context == null ? null : new Ports(context.tcpPort(), context.udpPort());
    }

    void monitorQueueSize(int size) {
        monitorQueueSize = size;
    }

    int monitorQueueSize() {
        return monitorQueueSize;
    }

    void catalogIdleMillis(long millis) {
        onDemand.idleMillis(millis);
    }

    long droppedUpdates() {
        return dropped.sum();
    }

    /**
     * Serves a new PV; closing the handle withdraws it. A PV a catalog made for the name is
     * withdrawn: published PVs come first.
     *
     * @throws IllegalArgumentException if the name is not a valid EPICS name or is taken
     */
    public PublishedPv publish(PvSpec spec) {
        return publish(spec, handle -> { });
    }

    PublishedPv publish(PvSpec spec, Consumer<PublishedPv> afterClose) {
        PvNames.validate(spec.name());
        ServedPv pv = new ServedPv(spec);
        if (pvs.putIfAbsent(spec.name(), pv) != null) {
            throw new IllegalArgumentException("PV " + spec.name() + " is already published");
        }
        onDemand.withdrawName(spec.name());
        return new PublishedPvHandle(pv, handle -> {
            if (pvs.remove(pv.name(), pv)) {
                pv.withdraw();
            }
            afterClose.accept(handle);
        });
    }

    PvCatalog.Served serve(PvCatalog catalog, Consumer<PvCatalog.Served> afterClose) {
        return onDemand.serve(catalog, afterClose);
    }

    /** Read-only handles on every PV that exists now, in name order. */
    public List<PublishedPv> published() {
        List<PublishedPv> out = new ArrayList<>();
        for (ServedPv pv : served()) {
            out.add(PublishedPvHandle.view(pv));
        }
        return out;
    }

    List<String> pvNames() {
        return served().stream().map(ServedPv::name).toList();
    }

    private List<ServedPv> served() {
        List<ServedPv> list = new ArrayList<>(pvs.values());
        for (ServedPv pv : onDemand.madePvs()) {
            if (!pvs.containsKey(pv.name())) {
                list.add(pv);
            }
        }
        list.sort(Comparator.comparing(ServedPv::name));
        return list;
    }

    // --- what the provider asks (library threads) ---

    boolean has(String name) {
        return pvs.containsKey(name) || onDemand.has(name);
    }

    /** The PV a client creates a channel to: published, or made from a catalog now; null if neither. */
    ServedPv attach(String name) {
        ServedPv pv = pvs.get(name);
        return pv != null ? pv : onDemand.attach(name);
    }
}
