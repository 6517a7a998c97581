package org.syncscope.pvas.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.epics.pvaccess.PVAException;
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
import org.syncscope.pvas.PvaServer;

/**
 * Runs the one pvAccess server of this Karaf. Registered only as {@link PvaServer}; the
 * bundle-scoped {@link PvaPublisherComponent}s, which other bundles see, reach this instance
 * through that service. Binding, restarting and stopping the library's context run on the
 * component's own thread, never on Config Admin's; deactivate waits for the stop at most
 * {@link #STOP_WAIT_MS}. A bad value is refused (the previous settings stay) and shown by {@link #status()}.
 */
@Component(service = PvaServer.class, configurationPid = PvasConfig.PID, immediate = true)
@Designate(ocd = PvasConfig.class)
public final class PvaServerComponent implements PvaServer {

    private static final Logger LOG = LoggerFactory.getLogger(PvaServerComponent.class);
    static final long STOP_WAIT_MS = 1000;

    private final PvAccessServer server = new PvAccessServer();
    private final ExecutorService lifecycle = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "syncscope-pvas-lifecycle");
        t.setDaemon(true);
        return t;
    });
    private volatile ServerSettings wanted;
    private volatile String refusal = "";
    private volatile String failure = "";

    @Activate
    public PvaServerComponent(PvasConfig config, Map<String, Object> properties) {
        ServerSettings s = check(config, properties);
        if (s == null) {
            LOG.error("pvAccess server: configuration refused: {}", refusal);
            return;
        }
        wanted = s;
        onLifecycle(() -> startOrRestart(s));
    }

    @Modified
    void modified(PvasConfig config, Map<String, Object> properties) {
        boolean running = wanted != null;
        ServerSettings s = check(config, properties);
        if (s == null) {
            LOG.error(running ? "pvAccess server: {}" : "pvAccess server: configuration refused: {}", refusal);
            return;
        }
        if (!s.equals(wanted)) {
            if (running) {
                LOG.info("pvAccess server settings changed: restarting with {}", s);
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
                LOG.warn("pvAccess server: did not stop within {} ms; it stops in the background", STOP_WAIT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The server itself, for this bundle's publishers and tests. */
    PvAccessServer server() {
        return server;
    }

    @Override
    public String status() {
        String r = refusal;
        ServerSettings s = wanted;
        if (s == null) {
            return "not serving: configuration refused: " + r;
        }
        PvAccessServer.Ports ports = server.ports();
        String base = ports != null ? "serving on " + ports
                : failure.isEmpty() ? "starting on TCP " + s.serverPort() + ", UDP " + s.broadcastPort()
                : "not serving: " + failure;
        return r.isEmpty() ? base : base + "; " + r;
    }

    @Override
    public List<String> pvNames() {
        return server.pvNames();
    }

    @Override
    public long droppedUpdates() {
        return server.droppedUpdates();
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
            if (server.ports() == null) {
                server.start(s);
            } else {
                server.restart(s);
            }
            failure = "";
        } catch (PVAException | RuntimeException e) {
            failure = String.valueOf(e.getMessage());
            LOG.error("pvAccess server: cannot serve on TCP {}, UDP {}: {}", s.serverPort(), s.broadcastPort(), failure);
        }
    }

    private ServerSettings check(PvasConfig config, Map<String, Object> properties) {
        try {
            ConfigCheck.require(PvasConfig.class, properties);
            ServerSettings s = new ServerSettings(port("serverPort", config.serverPort()),
                    port("broadcastPort", config.broadcastPort()), bindAddress(config.bindAddress()),
                    AddressList.parse("beaconAddrList", config.beaconAddrList()), config.autoBeaconAddrList(),
                    seconds("beaconPeriodSeconds", config.beaconPeriodSeconds()));
            int queue = config.monitorQueueSize();
            if (queue < 1 || queue > 100_000) {
                throw new IllegalArgumentException("monitorQueueSize = " + queue + " is outside 1..100000");
            }
            long idle = Math.round(seconds("catalogIdleSeconds", config.catalogIdleSeconds()) * 1000.0);
            // these two need no restart of the context
            server.monitorQueueSize(queue);
            server.catalogIdleMillis(Math.max(idle, 1));
            refusal = "";
            return s;
        } catch (IllegalArgumentException bad) {
            String text = bad instanceof InvalidConfigException ? bad.getMessage()
                    : ConfigCheck.origin(properties) + ": " + bad.getMessage();
            refusal = wanted != null ? "change refused, previous settings stay: " + text : text;
            return null;
        }
    }

    private static int port(String key, int value) {
        if (value < 1 || value > 65535) {
            throw new IllegalArgumentException(key + " = " + value + " is outside 1..65535");
        }
        return value;
    }

    private static float seconds(String key, float seconds) {
        if (!(seconds >= 0.001f) || seconds > 86_400f) {
            throw new IllegalArgumentException(key + " = " + seconds + " is outside 0.001..86400 s");
        }
        return seconds;
    }

    /** A numeric IPv4 or IPv6 address (no host names: a lookup could block Config Admin), or empty. */
    private static String bindAddress(String text) {
        String a = text == null ? "" : text.trim();
        if (!a.isEmpty() && !a.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
            throw new IllegalArgumentException("bindAddress = " + a + " is not a numeric IP address");
        }
        if (!a.isEmpty()) {
            try {
                java.net.InetAddress.getByName(a);
            } catch (java.net.UnknownHostException bad) {
                throw new IllegalArgumentException("bindAddress = " + a + " is not an IP address");
            }
        }
        return a;
    }
}
