package org.syncscope.timestamp.internal;

import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.Registration;
import org.syncscope.api.eventsystem.EventSystemDriver;
import org.syncscope.api.eventsystem.EventSystemException;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.rebind.RebindingPublisher;
import org.syncscope.api.time.ClockMode;
import org.syncscope.api.time.TimeEventListener;
import org.syncscope.api.time.TimestampService;
import org.syncscope.api.time.TimestampStatus;
import org.syncscope.timestamp.internal.net.EngineTimeSource;
import org.syncscope.timestamp.internal.net.MasterClient;
import org.syncscope.timestamp.internal.net.NtpSync;
import org.syncscope.timestamp.internal.net.SntpClient;
import org.syncscope.timestamp.internal.net.SyncListener;
import org.syncscope.timestamp.internal.net.SyncRound;
import org.syncscope.timestamp.internal.net.SyncSender;
import org.syncscope.timestamp.internal.net.TsPacket;
import org.syncscope.timestamp.internal.net.SlaveSync;
import org.syncscope.timestamp.internal.net.StampServer;

/**
 * {@link TimestampService} for this server. The event system is optional (none: soft time) and
 * chosen by {@code eventSystem.target}; editing that line, or redeploying the event system, rebinds
 * live: the clock carries on in soft time until the new driver's first sync. Redeploying the
 * Channel Access server brings the status PVs back on the new one. A change of {@code debug}
 * applies at once; any other change rebuilds the clock on the new settings (status PVs stay).
 */
@Component(service = {TimestampService.class, TimestampComponent.class}, configurationPid = TimestampConfig.PID,
        immediate = true)
@Designate(ocd = TimestampConfig.class)
public final class TimestampComponent implements TimestampService {

    private static final Logger LOG = LoggerFactory.getLogger(TimestampComponent.class);

    private final ScheduledThreadPoolExecutor thread;
    private final RebindingPublisher publisher = new RebindingPublisher("timestamp driver");
    /** The event system SCR has bound, and how it is named in reports; the engine follows it on our thread. */
    private volatile EventSystemDriver driver;
    private volatile String driverName = "(none)";
    /** The driver the master's sync sender or the slave's sync listener was started for. */
    private EventSystemDriver syncTasksDriver;
    private final int masterRetrySeconds;
    private final String broadcastAddress;
    private final String slaveBroadcastAddress;
    private volatile TimestampEngine engine;
    private volatile StatusPvs status;
    private volatile StampServer stampServer;
    private volatile SlaveSync slaveSync;
    private volatile NtpSync ntpSync;
    private volatile SyncSender syncSender;
    private volatile SyncListener syncListener;
    private volatile Registration syncHook;
    private long lastSlaveSyncMono = Long.MIN_VALUE / 2;

    @Activate
    public TimestampComponent(TimestampConfig config) throws EventSystemException {
        TimestampSettings settings;
        try {
            settings = TimestampSettings.of(config);
        } catch (IllegalArgumentException bad) {
            LOG.error("timestamp driver: configuration refused: {}", bad.getMessage());
            throw bad;
        }
        this.masterRetrySeconds = config.masterRetrySeconds();
        this.broadcastAddress = config.masterBroadcastAddress();
        this.slaveBroadcastAddress = config.slaveBroadcastAddress();
        thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "timestamp-driver");
            t.setDaemon(true);
            return t;
        });
        try {
            startEngine(settings);
        } catch (EventSystemException | RuntimeException e) {
            thread.shutdownNow();
            throw e;
        }
        thread.scheduleAtFixedRate(this::housekeeping, 1, 1, TimeUnit.SECONDS);
    }

    @Reference(name = "eventSystem", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindEventSystem")
    void bindEventSystem(EventSystemDriver d, Map<String, Object> properties) {
        driverName = describe(properties);
        driver = d;
        follow();
    }

    void unbindEventSystem(EventSystemDriver d) {
        if (driver == d) {
            driver = null;
        }
        TimestampEngine e = engine;
        if (e != null) {
            e.dropDriver(d);   // at once: the service object must not be used after unbind returns
        }
        follow();
    }

    @Reference(name = "publisher", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindPublisher")
    void bindPublisher(PvPublisher p) {
        publisher.bind(p);
    }

    void unbindPublisher(PvPublisher p) {
        publisher.unbind(p);
    }

    /** "sim (name=demo)": the driver property and the name, as reports show it. */
    private static String describe(Map<String, Object> properties) {
        Object name = properties.get("name");
        return properties.getOrDefault(EventSystemDriver.DRIVER, "?") + (name == null ? "" : " (name=" + name + ")");
    }

    /** Hands the driver change to our thread: init() may touch hardware, which SCR's thread must not wait for. */
    private void follow() {
        if (thread.isShutdown()) {
            return;
        }
        try {
            thread.execute(this::followDriver);
        } catch (RejectedExecutionException shuttingDown) {
            // deactivated meanwhile: nothing to follow
        }
    }

    private synchronized void followDriver() {
        TimestampEngine e = engine;
        if (e == null || thread.isShutdown()) {
            return;
        }
        EventSystemDriver d = driver;
        if (e.driver() != d) {
            e.useDriver(d, driverName);
        }
        if (syncTasksDriver != e.driver()) {
            stopSyncTasks();
            startSyncTasks(e.settings(), e);
        }
    }

    @Modified
    void modified(TimestampConfig config) {
        TimestampSettings next;
        try {
            next = TimestampSettings.of(config);
        } catch (IllegalArgumentException bad) {
            LOG.error("timestamp driver: configuration change refused, previous settings stay: {}", bad.getMessage());
            return;
        }
        TimestampEngine current = engine;
        if (next.equals(current.settings().withDebug(next.debug()))) {
            current.setDebug(next.debug());
            LOG.info("timestamp driver: debug level {}", next.debug());
            return;
        }
        LOG.info("timestamp driver: settings changed, rebuilding the clock");
        try {
            stopEngine();
            startEngine(next);
        } catch (EventSystemException | RuntimeException e) {
            LOG.error("timestamp driver: the new settings did not start ({}); back to the previous ones", e.getMessage());
            try {
                startEngine(current.settings());
            } catch (EventSystemException again) {
                LOG.error("timestamp driver: the previous settings did not start either", again);
            }
        }
    }

    private synchronized void startEngine(TimestampSettings settings) throws EventSystemException {
        TimestampEngine e = new TimestampEngine(settings, driver, driverName, NanoClock.SYSTEM, thread);
        e.start();
        try {
            status = settings.statusPrefix().isEmpty() ? null : new StatusPvs(publisher, settings.statusPrefix(), e);
        } catch (RuntimeException bad) {
            e.stop();
            throw bad;
        }
        engine = e;
        startNetwork(settings, e);
    }

    /** The drvTS tasks: stamp server and sync sender (master), sync listener and time client (slave), NTP. */
    private void startNetwork(TimestampSettings settings, TimestampEngine e) {
        try {
            if (settings.master()) {
                stampServer = new StampServer(new InetSocketAddress(settings.masterPort()), new EngineTimeSource(e));
                LOG.info("timestamp master answering time requests on UDP port {}", settings.masterPort());
            } else {
                slaveSync = new SlaveSync(e, settings.masters(),
                        new MasterClient(e::currentTime, System::nanoTime, Duration.ofMillis(settings.timeoutMs())),
                        Math.max(1, masterRetrySeconds) * 1_000_000_000L,
                        new InetSocketAddress(broadcastAddress, settings.masterPort()));
            }
        } catch (SocketException busy) {
            LOG.error("timestamp driver: UDP port unavailable ({}); network sync disabled", busy.getMessage());
        }
        startSyncTasks(settings, e);
        if (!settings.ntp().isEmpty()) {
            ntpSync = new NtpSync(e, settings.ntp(), new SntpClient(NanoClock.withWall(e::currentTime), Duration.ofMillis(settings.timeoutMs())));
        }
    }

    /** What runs only in synchronous mode: a master's sync messages, a slave's listener for them. */
    private void startSyncTasks(TimestampSettings settings, TimestampEngine e) {
        EventSystemDriver d = e.driver();
        syncTasksDriver = d;
        if (d == null || e.status().mode() != ClockMode.SYNCHRONOUS) {
            return;
        }
        try {
            if (settings.master()) {
                SyncSender sender = new SyncSender(settings.slaves().isEmpty()
                        ? List.of(new InetSocketAddress(slaveBroadcastAddress, settings.slavePort()))
                        : settings.slaves());
                syncSender = sender;
                syncHook = e.addEventListener(d.syncEventNumber(), (n, t) -> sender.send(new TsPacket(
                        TsPacket.SYNC_MESSAGE, t, e.currentTime(), settings.syncRateSeconds(), settings.clockRateHz(),
                        e.replyMask(), 0, 0)));
            } else {
                syncListener = new SyncListener(new InetSocketAddress(settings.slavePort()), e::onMasterSync);
            }
        } catch (SocketException busy) {
            LOG.error("timestamp driver: UDP port unavailable ({}); sync messages disabled", busy.getMessage());
        }
    }

    private void stopSyncTasks() {
        if (syncHook != null) {
            syncHook.close();
            syncHook = null;
        }
        if (syncSender != null) {
            syncSender.close();
            syncSender = null;
        }
        if (syncListener != null) {
            syncListener.close();
            syncListener = null;
        }
    }

    public NtpSync ntp() {
        return ntpSync;
    }

    public SlaveSync slave() {
        return slaveSync;
    }

    private synchronized void stopEngine() {
        if (stampServer != null) {
            stampServer.close();
            stampServer = null;
        }
        slaveSync = null;
        ntpSync = null;
        stopSyncTasks();
        engine.stop();
        if (status != null) {
            status.close();
            status = null;
        }
    }


    @Deactivate
    void deactivate() {
        stopEngine();
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public TimestampEngine engine() {
        return engine;
    }

    @Override
    public long currentTime() {
        return engine.currentTime();
    }

    @Override
    public long eventTime(int event) {
        return engine.eventTime(event);
    }

    @Override
    public TimestampStatus status() {
        return engine.status();
    }

    @Override
    public Registration addEventListener(int event, TimeEventListener listener) {
        return engine.addEventListener(event, listener);
    }

    private void housekeeping() {
        try {
            SlaveSync slave = slaveSync;
            NtpSync ntp = ntpSync;
            long mono = System.nanoTime();
            if (mono - lastSlaveSyncMono >= engine.settings().syncRateSeconds() * 1_000_000_000L) {
                lastSlaveSyncMono = mono;
                new SyncRound(slave, ntp).run();
            }
            engine.tick();
            StatusPvs pvs = status;
            if (pvs != null) {
                pvs.update();
            }
        } catch (RuntimeException e) {
            LOG.warn("timestamp driver housekeeping failed", e);
        }
    }
}
