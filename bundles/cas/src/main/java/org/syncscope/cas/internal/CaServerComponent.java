package org.syncscope.cas.internal;

import gov.aps.jca.CAException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.config.ConfigCheck;
import org.syncscope.api.config.InvalidConfigException;
import org.syncscope.api.pv.AddressList;
import org.syncscope.cas.CaServer;
import org.syncscope.cas.PvListing;
import org.syncscope.cas.ServedPvInfo;
import org.syncscope.cas.ServerClients;
import org.syncscope.cas.internal.guard.MalformedInput;
import org.syncscope.cas.internal.guard.TcpLimits;

/**
 * Runs the one Channel Access server of this Karaf. Registered only as {@link CaServer} (what
 * {@code pv:list} shows); the bundle-scoped {@link PvPublisherComponent}s, which are what other
 * bundles see, reach this instance through that service.
 *
 * <p>Binding, restarting and stopping the CAJ context happen on the component's own thread:
 * activate and modified only hand the settings over, and deactivate waits for the stop at most
 * {@link #STOP_WAIT_MS} (CAJ's stop closes client connections and joins its beacon and timer
 * threads, each bounded at 5 s; SCR's thread is Config Admin's, shared by every bundle): a longer
 * stop completes in the background and the thread ends after it. PVs can be published meanwhile (the registry outlives the context). A bad value is refused
 * (the previous settings stay) and shown by {@code pv:list}.
 */
@Component(service = CaServer.class, configurationPid = CasConfig.PID, immediate = true)
@Designate(ocd = CasConfig.class)
public final class CaServerComponent implements CaServer {

    private static final Logger LOG = LoggerFactory.getLogger(CaServerComponent.class);
    static final long STOP_WAIT_MS = 1000;

    private final ChannelAccessServer server = new ChannelAccessServer();
    private final ExecutorService lifecycle = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "syncscope-cas-lifecycle");
        t.setDaemon(true);
        return t;
    });
    /** The settings last accepted (the lifecycle thread applies them). */
    private volatile ServerSettings wanted;
    private volatile String refusal = "";
    /** Why the server does not serve although its settings were accepted (a failed bind); empty when it serves. */
    private volatile String failure = "";

    @Activate
    public CaServerComponent(CasConfig config, Map<String, Object> properties) {
        ServerSettings s = check(config, properties);
        if (s == null) {
            LOG.error("Channel Access server: configuration refused: {}", refusal);
            return;
        }
        wanted = s;
        onLifecycle(() -> startOrRestart(s));
    }

    @Modified
    void modified(CasConfig config, Map<String, Object> properties) {
        boolean running = wanted != null;
        ServerSettings s = check(config, properties);
        if (s == null) {
            LOG.error(running ? "Channel Access server: {}" : "Channel Access server: configuration refused: {}", refusal);
            return;
        }
        if (!s.equals(wanted)) {
            if (running) {
                LOG.info("Channel Access server settings changed: restarting with {}", s);
            }
            wanted = s;
            onLifecycle(() -> startOrRestart(s));
        }
    }

    @Deactivate
    void deactivate() {
        onLifecycle(server::stop);
        lifecycle.shutdown();
        try {
            if (!lifecycle.awaitTermination(STOP_WAIT_MS, TimeUnit.MILLISECONDS)) {
                LOG.warn("Channel Access server: did not stop within {} ms; going on, it stops in the background",
                        STOP_WAIT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The server itself, for this bundle's publishers and tests. */
    ChannelAccessServer server() {
        return server;
    }

    @Override
    public List<ServedPvInfo> served() {
        return server.snapshot();
    }

    @Override
    public PvListing list(String pattern, int max) {
        return server.listing(pattern, max);
    }

    @Override
    public ServerClients clients() {
        return server.clients();
    }

    @Override
    public long refusedTcp() {
        return server.malformed().total(MalformedInput.Channel.TCP);
    }

    @Override
    public long refusedUdp() {
        return server.malformed().total(MalformedInput.Channel.UDP);
    }

    @Override
    public String status() {
        ChannelAccessServer.Ports ports = server.ports();
        String r = refusal;
        if (wanted == null) {
            return "not serving: configuration refused: " + r;
        }
        String base = ports != null ? "serving on " + ports + (ports.tcp() != wanted.port()
                ? " (TCP port " + wanted.port() + " was in use)" : "")
                : failure.isEmpty() ? "starting on port " + wanted.port() : "not serving: " + failure;
        return r.isEmpty() ? base : base + "; " + r;
    }

    private void onLifecycle(Runnable task) {
        try {
            lifecycle.execute(task);
        } catch (RejectedExecutionException stopping) {
            // deactivated meanwhile
        }
    }

    private void startOrRestart(ServerSettings s) {
        if (s != wanted) {
            return;   // a later edit superseded this one
        }
        try {
            if (server.settings() == null || server.ports() == null) {
                server.start(s);
            } else {
                server.restart(s);
            }
            failure = "";
        } catch (CAException | RuntimeException e) {
            failure = String.valueOf(e.getMessage());
            LOG.error("Channel Access server: cannot serve on port {}: {}", s.port(), failure);
        }
    }

    private ServerSettings check(CasConfig config, Map<String, Object> properties) {
        try {
            ConfigCheck.require(CasConfig.class, properties);
            ServerSettings s = settings(config);
            // needs no restart of the CAJ context: applied here, with the rest of the settings accepted
            server.catalogIdleMillis(millis("catalogIdleSeconds", config.catalogIdleSeconds()));
            refusal = "";
            return s;
        } catch (IllegalArgumentException bad) {
            String text = bad instanceof InvalidConfigException ? bad.getMessage()
                    : ConfigCheck.origin(properties) + ": " + bad.getMessage();
            refusal = wanted != null ? "change refused, previous settings stay: " + text : text;
            return null;
        }
    }

    private static ServerSettings settings(CasConfig config) {
        return new ServerSettings(config.port(), AddressList.parse("beaconAddrList", config.beaconAddrList()),
                config.autoBeaconAddrList(), config.beaconPeriodSeconds(),
                AddressList.parse("ignoreAddrList", config.ignoreAddrList()),
                new TcpLimits(positive("maxArrayBytes", config.maxArrayBytes()), positive("maxClients", config.maxClients()),
                        positive("maxChannelsPerClient", config.maxChannelsPerClient()),
                        positive("maxMonitorsPerClient", config.maxMonitorsPerClient()), millis("handshakeTimeoutSeconds", config.handshakeTimeoutSeconds()),
                        millis("idleTimeoutSeconds", config.idleTimeoutSeconds())));
    }

    private static int positive(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " = " + value + " must be at least 1");
        }
        return value;
    }

    private static long millis(String key, float seconds) {
        if (!(seconds >= 0.001f) || seconds > 86_400f) {
            throw new IllegalArgumentException(key + " = " + seconds + " is outside 0.001..86400 s");
        }
        return Math.round(seconds * 1000.0);
    }
}
