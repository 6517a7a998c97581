package org.syncscope.cas.internal;

import com.cosylab.epics.caj.cas.CAJServerContext;
import com.cosylab.epics.caj.cas.CASTransport;
import gov.aps.jca.CAException;
import gov.aps.jca.configuration.ConfigurationException;
import gov.aps.jca.configuration.DefaultConfiguration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvCatalog;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.cas.PvListing;
import org.syncscope.cas.ServedPvInfo;
import org.syncscope.cas.ServerClients;
import org.syncscope.cas.internal.guard.GuardedAcceptor;
import org.syncscope.cas.internal.guard.MalformedInput;

/**
 * A CAJ Channel Access server and the PVs it serves. The PV registry outlives the CAJ context,
 * so {@link #restart(ServerSettings)} (a new port, say) keeps every PV; clients reconnect.
 */
public final class ChannelAccessServer {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelAccessServer.class);
    /** How long a stop waits for the CAJ context's beacon and timer threads to end. */
    private static final long STOP_WAIT_MS = 5000;

    /** The PVs published in advance (statically); catalog PVs are in {@link #onDemand}. */
    private final Map<String, ServedPv> pvs = new ConcurrentHashMap<>();
    private final OnDemandPvs onDemand = new OnDemandPvs(this::withdrawClients);
    private final PvRegistry registry = new PvRegistry(pvs, onDemand);
    /** What was refused from the network, over every context this server ran. */
    private final MalformedInput malformed = new MalformedInput();
    private volatile ClosingServerContext context;   // read without the lock when a PV is withdrawn
    private Thread beaconThread;
    private ServerSettings settings;
    private Ports ports;
    /** Tells clients that PVs are gone; its one thread ends when idle. */
    private final ThreadPoolExecutor withdrawing = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "syncscope-cas-withdraw");
                t.setDaemon(true);
                return t;
            });

    /**
     * The ports actually bound: CAJ falls back to a dynamic TCP port when the configured one is
     * taken (UDP searches still find the server; clients connecting to host:port directly do not).
     */
    public record Ports(int udp, int tcp) {
        @Override
        public String toString() {
            return "UDP " + udp + ", TCP " + tcp;
        }
    }

    /** Starts serving with {@code settings}. */
    public synchronized void start(ServerSettings settings) throws CAException {
        if (context != null) {
            throw new IllegalStateException("already started");
        }
        DefaultConfiguration config = new DefaultConfiguration("CAJServerContext");
        config.setAttribute("server_port", Integer.toString(settings.port()));
        config.setAttribute("beacon_addr_list", settings.beaconAddresses().toString());
        config.setAttribute("auto_beacon_addr_list", Boolean.toString(settings.autoBeaconAddresses()));
        config.setAttribute("beacon_period", Float.toString(settings.beaconPeriodSeconds()));
        config.setAttribute("ignore_addr_list", settings.ignoreAddresses().toString());
        config.setAttribute("max_array_bytes", Integer.toString(settings.tcp().maxArrayBytes()));
        ClosingServerContext ctx = new ClosingServerContext(new GuardedAcceptor(settings.tcp(), malformed), malformed);
        // CAJ's JCALibrary.createServerContext initialises before configuring, so ports set there
        // are ignored: configure first, then initialise.
        try {
            ctx.configure(config);
        } catch (ConfigurationException e) {
            throw new IllegalArgumentException("CAJ refused the server settings " + settings + ": " + e.getMessage(), e);
        }
        try {
            ctx.initialize(registry);
        } catch (CAException | RuntimeException e) {
            destroy(ctx);   // its reactor and thread pool may run already
            if (e instanceof CAException ca) {
                throw ca;
            }
            // CAJ wraps a failed UDP bind (port in use without address reuse, say) in a bare RuntimeException
            throw new CAException("cannot bind UDP port " + settings.port() + ": "
                    + (e.getCause() != null ? e.getCause() : e), e);
        }
        // run() only sends beacons (the reactor already serves); it blocks, hence its own thread.
        Thread beacons = new Thread(() -> {
            try {
                ctx.run(0);
            } catch (CAException | IllegalStateException e) {
                LOG.debug("CA server beacon loop ended: {}", e.toString());
            }
        }, "syncscope-cas-beacons-" + settings.port());
        beacons.setDaemon(true);
        beacons.start();
        this.context = ctx;
        this.beaconThread = beacons;
        this.settings = settings;
        this.ports = new Ports(ctx.getUdpServerPort(), ctx.getTcpServerPort());
        if (ports.tcp() != settings.port()) {
            LOG.warn("Channel Access server: TCP port {} is in use; connections are served on port {} instead "
                    + "(searches on UDP {} find it; clients that connect to host:{} directly do not)", settings.port(),
                    ports.tcp(), ports.udp(), settings.port());
        }
        LOG.info("Channel Access server on {} serving {} PVs", ports, pvs.size());
    }

    /** Stops the CAJ context; PVs stay registered for the next start. Idempotent. */
    public synchronized void stop() {
        if (context == null) {
            return;
        }
        ClosingServerContext ctx = context;
        context = null;
        pvs.values().forEach(ServedPv::disconnectClients);
        onDemand.madePvs().forEach(ServedPv::disconnectClients);
        destroy(ctx);
        int leftovers = ServerDisconnect.closeLeftovers(ctx);
        if (leftovers > 0) {
            LOG.warn("Channel Access server on {}: closed {} client connection(s) CAJ accepted while stopping", ports, leftovers);
        }
        try {
            endBeacons(beaconThread);
            if (!ctx.awaitTimerEnd(STOP_WAIT_MS)) {
                LOG.warn("Channel Access server on {}: its timer thread did not end within {} ms", ports, STOP_WAIT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        beaconThread = null;
        LOG.info("Channel Access server on {} stopped", ports);
        ports = null;
    }

    private static void destroy(ClosingServerContext ctx) {
        try {
            ctx.destroy();
        } catch (CAException | RuntimeException e) {
            LOG.warn("stopping the Channel Access server: {}", e.toString());
        }
    }

    /**
     * Waits for the beacon thread's {@code run} to return. A destroy that came while it was
     * entering {@code run} is lost on it (CAJ clears the shutdown flag there and then waits for
     * one for good, and a destroyed context takes no second shutdown), so it is interrupted,
     * which ends CAJ's wait, until it ends.
     */
    private static void endBeacons(Thread beacons) throws InterruptedException {
        long deadline = System.nanoTime() + STOP_WAIT_MS * 1_000_000L;
        beacons.join(100);
        while (beacons.isAlive() && System.nanoTime() < deadline) {
            beacons.interrupt();
            beacons.join(100);
        }
        if (beacons.isAlive()) {
            LOG.warn("Channel Access server: its beacon thread did not end within {} ms", STOP_WAIT_MS);
        }
    }

    /** Stops and starts again with new settings, keeping every PV. */
    public synchronized void restart(ServerSettings newSettings) throws CAException {
        stop();
        start(newSettings);
    }

    /** Refused input (malformed messages, connections over a limit) so far. */
    public MalformedInput malformed() {
        return malformed;
    }

    /** Client connections open now and their limit; null when not serving. */
    public synchronized ServerClients clients() {
        ClosingServerContext ctx = context;
        return ctx == null ? null : new ServerClients(ctx.tcp().connectionCount(), ctx.tcp().limits().maxClients(),
                ctx.tcp().timedOut());
    }

    public synchronized ServerSettings settings() {
        return settings;
    }

    /** The ports bound now, or null when not serving. */
    public synchronized Ports ports() {
        return ports;
    }

    /**
     * Serves a new PV; closing the returned handle withdraws it. A PV a catalog made for the name is
     * withdrawn (its clients reconnect to this one): published PVs take precedence over catalogs.
     *
     * @throws IllegalArgumentException if the name is not a valid EPICS name or is taken, or the
     *                                  spec is a table
     */
    public PublishedPv publish(PvSpec spec) {
        return publish(spec, handle -> { });
    }

    /** As {@link #publish(PvSpec)}, telling {@code afterClose} when the handle is closed. */
    PublishedPv publish(PvSpec spec, Consumer<PublishedPv> afterClose) {
        PvNames.validate(spec.name());
        if (spec.type() == org.syncscope.api.pv.PvType.TABLE) {
            throw new IllegalArgumentException("PV " + spec.name() + " is a table, which Channel Access cannot carry"
                    + " (pvAccess serves it)");
        }
        ServedPv pv = new ServedPv(spec);
        if (pvs.putIfAbsent(spec.name(), pv) != null) {
            throw new IllegalArgumentException("PV " + spec.name() + " is already published");
        }
        onDemand.withdrawName(spec.name());
        return new PublishedPvHandle(pv, handle -> {
            unpublish(pv);
            afterClose.accept(handle);
        });
    }

    /**
     * Serves a catalog's PVs on demand, after the catalogs served before it; closing the returned
     * registration withdraws the PVs made from it. {@code afterClose} is told when it is closed.
     */
    PvCatalog.Served serve(PvCatalog catalog, Consumer<PvCatalog.Served> afterClose) {
        return onDemand.serve(catalog, afterClose::accept);
    }

    /** How long an on-demand PV may have no client channel before it is withdrawn. */
    public void catalogIdleMillis(long millis) {
        onDemand.idleMillis(millis);
    }

    public long catalogIdleMillis() {
        return onDemand.idleMillis();
    }

    /** Read-only handles on every PV served, in name order. */
    public List<PublishedPv> published() {
        List<PublishedPv> out = new ArrayList<>();
        for (ServedPv pv : served()) {
            out.add(PublishedPvHandle.view(pv));
        }
        return out;
    }

    /**
     * Withdraws a PV at once (its name is free again when this returns); clients connected to it are
     * told on the withdraw thread, since writing to a slow client may block and a PV is often closed
     * from a component's deactivate.
     */
    private void unpublish(ServedPv pv) {
        if (pvs.remove(pv.getName(), pv)) {
            pv.withdraw();
            withdrawClients(pv);
        }
    }

    /** Tells the clients of a PV no longer served (on the withdraw thread) that its channels are gone. */
    private void withdrawClients(ServedPv pv) {
        if (pv.channels().isEmpty()) {
            return;   // an idle on-demand PV: nobody to tell
        }
        CAJServerContext server = context;
        withdrawing.execute(() -> {
            try {
                tellClientsChannelsAreGone(pv, server);
                pv.disconnectClients();
            } catch (RuntimeException e) {
                // the server stopped meanwhile: its connections are closed, so are the clients' channels
                LOG.debug("withdrawing {}: {}", pv.getName(), e.toString());
            }
        });
    }

    private void tellClientsChannelsAreGone(ServedPv pv, CAJServerContext server) {
        if (server == null) {
            return;   // stopped: every client connection is closed already
        }
        List<CASTransport> clients = ServerDisconnect.clients(server);
        for (ServedChannel channel : pv.channels()) {
            ServerDisconnect.transportOf(clients, channel).ifPresent(client -> {
                ServerDisconnect.send(client, channel.getCID());
                client.unregisterChannel(channel.getSID());
            });
        }
    }

    /** {@code CaServer.served()}: every PV served now (published, and made from catalogs), in name order. */
    public List<ServedPvInfo> snapshot() {
        List<ServedPvInfo> out = new ArrayList<>();
        for (ServedPv pv : served()) {
            out.add(info(pv));
        }
        return out;
    }

    /**
     * What {@code pv:list PATTERN} shows: the PVs served now whose names match the glob {@code pattern}
     * ({@code *} any run of characters, {@code ?} one; null or empty: all), in name order, then the
     * matching catalog names not made now, as their catalogs read them; at most {@code max} in all.
     */
    public PvListing listing(String pattern, int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max " + max + " must not be negative");
        }
        NameGlob glob = NameGlob.of(pattern);
        List<ServedPvInfo> out = new ArrayList<>();
        long matching = 0;
        for (ServedPv pv : served()) {
            if (glob.matches(pv.getName())) {
                matching++;
                if (out.size() < max) {
                    out.add(info(pv));
                }
            }
        }
        matching += onDemand.listUnmade(glob::matches, pvs::containsKey, max, out);
        return new PvListing(out, matching);
    }

    private ServedPvInfo info(ServedPv pv) {
        return new ServedPvInfo(pv.getName(), pv.spec().type(), pv.value(), pv.severity(), pv.monitorCount(),
                pv.spec().writable(), pvs.get(pv.getName()) == pv ? ServedPvInfo.Kind.PUBLISHED
                        : ServedPvInfo.Kind.ON_DEMAND_OPEN);
    }

    /** Every PV served now, published and made, in name order. */
    private List<ServedPv> served() {
        List<ServedPv> list = new ArrayList<>(pvs.values());
        for (ServedPv pv : onDemand.madePvs()) {
            if (!pvs.containsKey(pv.getName())) {
                list.add(pv);
            }
        }
        list.sort(Comparator.comparing(ServedPv::getName));
        return list;
    }
}
