package org.syncscope.timestamp.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
import org.syncscope.api.config.ConfigCheck;
import org.syncscope.api.eventsystem.EventSystemDriver;
import org.syncscope.api.eventsystem.EventSystemException;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.status.PvValueView;
import org.syncscope.api.status.TimestampStatusProvider;
import org.syncscope.api.status.TimestampView;
import org.syncscope.api.time.TimeEventListener;
import org.syncscope.api.time.TimestampService;
import org.syncscope.api.time.TimestampStatus;
import org.syncscope.rebind.RebindingPublisher;
import org.syncscope.timestamp.MasterReading;
import org.syncscope.timestamp.NtpReading;
import org.syncscope.timestamp.TimestampConsole;
import org.syncscope.timestamp.internal.net.MalformedPacketException;
import org.syncscope.timestamp.internal.net.MasterClient;
import org.syncscope.timestamp.internal.net.NtpSync;
import org.syncscope.timestamp.internal.net.SlaveSync;
import org.syncscope.timestamp.internal.net.SntpClient;
import org.syncscope.timestamp.internal.net.SyncRound;

/**
 * {@link TimestampService} for this server. One {@link TimestampEngine} for the component's whole
 * life: a settings change reconfigures it in place (time, frequency, listeners, the event table
 * and the driver carry on; the status PVs stay), and the network tasks restart on the new
 * settings. The event system is optional (none: soft time) and chosen by
 * {@code eventSystem.target}; rebinding it is live. SCR's methods only check, remember and hand
 * work to the component's own thread: driver calls and sockets happen there. The console
 * ({@code ts:*}) reaches it as {@link TimestampConsole}.
 */
@Component(service = {TimestampService.class, TimestampConsole.class, TimestampStatusProvider.class}, configurationPid = TimestampConfig.PID,
        immediate = true)
@Designate(ocd = TimestampConfig.class)
public final class TimestampComponent implements TimestampService, TimestampConsole, TimestampStatusProvider {

    private static final Logger LOG = LoggerFactory.getLogger(TimestampComponent.class);
    /**
     * How long deactivate waits for the stop on our thread. The thread may be in the middle of a
     * sync round (a master or NTP server that does not answer holds it for timeoutMs per server),
     * and SCR's thread is Config Admin's, shared by every bundle: past this the stop runs when the
     * round ends, and the thread ends after it.
     */
    static final long STOP_WAIT_MILLIS = 1000;

    private final ScheduledThreadPoolExecutor thread;
    private final RebindingPublisher publisher = new RebindingPublisher("timestamp driver");
    private final TimestampEngine engine;
    private final Network network;
    /** The event system SCR has bound, and how it is named in reports; the engine follows it on our thread. */
    private volatile EventSystemDriver driver;
    private volatile String driverName = "(none)";
    /** The settings accepted last (null: none yet, the first configuration was refused). */
    private volatile TimestampSettings accepted;
    /** Why the configuration (or its last change) is refused; null when it is not. */
    private volatile String refusal;
    private volatile boolean closed;
    // our thread only
    /** Written on our thread; volatile for the status page's reads. */
    private volatile StatusPvs status;
    private final SyncSchedule schedule = new SyncSchedule();
    private java.util.concurrent.ScheduledFuture<?> nextRound;

    @Activate
    public TimestampComponent(TimestampConfig config, Map<String, Object> properties) {
        this(config, properties, NanoClock.SYSTEM);
    }

    TimestampComponent(TimestampConfig config, Map<String, Object> properties, NanoClock clock) {
        thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "timestamp-driver");
            t.setDaemon(true);
            return t;
        });
        warnRemovedKeys(properties);
        TimestampSettings settings = null;
        try {
            settings = check(config, properties);
        } catch (IllegalArgumentException bad) {
            refusal = "configuration refused: " + bad.getMessage()
                    + " (the clock runs soft on the defaults, without event system or network, until it is fixed)";
            LOG.error("timestamp driver: {}", refusal);
        }
        accepted = settings;
        engine = new TimestampEngine(settings != null ? settings : TimestampSettings.DEFAULTS, null, "(none)", clock,
                thread);
        network = new Network(engine, thread);
        TimestampSettings first = engine.settings();
        onThread(() -> apply(first));
        thread.scheduleAtFixedRate(this::housekeeping, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Keys this driver once read and a site's old file may still carry, with where the fact lives
     * now: ignored, with one WARN per key for the component's life.
     */
    static final Map<String, String> REMOVED_KEYS = Map.of("clockRateHz",
            "the event-system driver reports its tick rate (set it in the driver's own configuration)");
    private final Set<String> warnedRemoved = ConcurrentHashMap.newKeySet();

    /** The removed keys {@code properties} carries, each as the line the log shows. */
    static List<String> removedKeys(Map<String, Object> properties) {
        List<String> lines = new ArrayList<>();
        REMOVED_KEYS.forEach((key, why) -> {
            if (properties.containsKey(key)) {
                lines.add(ConfigCheck.origin(properties) + ": " + key + " is no longer read and is ignored: " + why
                        + "; remove the line");
            }
        });
        return lines;
    }

    private void warnRemovedKeys(Map<String, Object> properties) {
        for (String line : removedKeys(properties)) {
            if (warnedRemoved.add(line)) {
                LOG.warn("timestamp driver: {}", line);
            }
        }
    }

    /** The typed settings, or an exception naming the file, key and value. */
    private static TimestampSettings check(TimestampConfig config, Map<String, Object> properties) {
        ConfigCheck.require(TimestampConfig.class, properties);
        try {
            return TimestampSettings.of(config);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException(ConfigCheck.origin(properties) + ": " + bad.getMessage(), bad);
        }
    }

    @Modified
    void modified(TimestampConfig config, Map<String, Object> properties) {
        warnRemovedKeys(properties);
        TimestampSettings next;
        try {
            next = check(config, properties);
        } catch (IllegalArgumentException bad) {
            refusal = (accepted != null ? "change refused, previous settings stay: " : "configuration refused: ")
                    + bad.getMessage();
            LOG.error("timestamp driver: {}", refusal);
            return;
        }
        TimestampSettings previous = accepted;
        accepted = next;
        refusal = null;
        if (previous != null && next.equals(previous.withDebug(next.debug()))) {
            engine.setDebug(next.debug());
            LOG.info("timestamp driver: debug level {}", next.debug());
            return;
        }
        LOG.info("timestamp driver: settings changed; the clock carries on with them");
        onThread(() -> apply(next));
    }

    /** Our thread: the engine, the status PVs and the network on {@code settings}. */
    private void apply(TimestampSettings settings) {
        if (closed) {
            return;
        }
        if (settings != engine.settings()) {
            engine.reconfigure(settings);
        }
        String prefix = settings.statusPrefix();
        if (status == null || !status.prefix().equals(prefix)) {
            if (status != null) {
                status.close();
                status = null;
            }
            if (!prefix.isEmpty()) {
                try {
                    status = new StatusPvs(publisher, prefix, engine, this::problems);
                } catch (RuntimeException bad) {
                    LOG.error("timestamp driver: status PVs {}* not published: {}", prefix, bad.getMessage());
                }
            }
        }
        if (accepted == null) {
            return;   // refused from the start: no event system, no network
        }
        network.start(settings);
        followDriver();
        if (nextRound == null || schedule.periodNanos() != settings.syncPeriodNanos()) {
            if (nextRound != null) {
                nextRound.cancel(false);
            }
            schedule.start(System.nanoTime(), settings.syncPeriodNanos());
            nextRound = thread.schedule(this::syncRound, 0, TimeUnit.NANOSECONDS);
        }
    }

    /** Our thread: one sync round (master, NTP), then the next on the {@link SyncSchedule}'s grid. */
    private void syncRound() {
        if (closed) {
            return;
        }
        try {
            if (accepted != null) {
                new SyncRound(network.slave(), network.ntp(), engine).run();
            }
        } catch (RuntimeException e) {
            LOG.warn("timestamp driver sync round failed", e);
        }
        try {
            nextRound = thread.schedule(this::syncRound, schedule.next(System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // deactivated
        }
    }

    @Reference(name = "eventSystem", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindEventSystem")
    void bindEventSystem(EventSystemDriver d, Map<String, Object> properties) {
        driverName = describe(properties);
        driver = d;
        onThread(this::followDriver);
    }

    void unbindEventSystem(EventSystemDriver d) {
        if (driver == d) {
            driver = null;
        }
        engine.dropDriver(d);   // at once, memory only: the service object must not be used after unbind returns
        onThread(this::followDriver);
    }

    @Reference(name = "publisher", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = PvPublisher.ALL_PROTOCOLS, unbind = "unbindPublisher")
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

    private Future<?> onThread(Runnable task) {
        try {
            return thread.submit(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("timestamp driver: {} failed", task, e);
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            return null;   // deactivated meanwhile
        }
    }

    /** Our thread: the engine takes the bound driver (init() runs here), the sync tasks follow. */
    private void followDriver() {
        if (closed || accepted == null) {
            return;
        }
        EventSystemDriver d = driver;
        if (engine.driver() != d) {
            engine.useDriver(d, driverName);
        }
        network.refreshSyncTasks();
    }

    /**
     * Stops on our thread (sockets closed, driver let go, status PVs withdrawn), which then ends:
     * waits for that at most {@link #STOP_WAIT_MILLIS}. The thread itself drops what is queued
     * after the stop, so a stop that waits for a sync round is still done, only later.
     */
    @Deactivate
    void deactivate() {
        closed = true;
        Future<?> stopped = onThread(() -> {
            try {
                network.stop();
                engine.stop();
                if (status != null) {
                    status.close();
                    status = null;
                }
            } finally {
                thread.shutdownNow();   // from here: the queued and periodic tasks go, the thread ends
            }
        });
        if (stopped == null) {
            thread.shutdownNow();
            return;
        }
        try {
            stopped.get(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            LOG.warn("timestamp driver: still busy after {} ms (a sync round waiting for its servers); going on, "
                    + "it stops when that ends", STOP_WAIT_MILLIS);
        } catch (ExecutionException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    TimestampEngine engine() {
        return engine;
    }

    Network network() {
        return network;
    }

    /** What the operator must know first: a refused configuration, UDP services that are not running. */
    List<String> problems() {
        List<String> all = new ArrayList<>();
        String r = refusal;
        if (r != null) {
            all.add(r);
        }
        all.addAll(network.problems());
        return all;
    }

    @Override
    public String report() {
        StringBuilder r = new StringBuilder();
        for (String p : problems()) {
            r.append("PROBLEM: ").append(p).append('\n');
        }
        r.append(engine.report());
        TimestampSettings s = engine.settings();
        r.append(String.format("  UDP: stamp server %s:%d (masterBindAddress)%s, sync listener %s:%d (slaveBindAddress)%s%n",
                s.masterBindAddress(), s.masterPort(), network.stampServer() != null ? " listening" : "",
                s.slaveBindAddress(), s.slavePort(), network.syncListener() != null ? " listening" : ""));
        if (!s.master()) {
            r.append(String.format("  master broadcast %s, master retry %d s%n", s.masterBroadcastAddress(),
                    s.masterRetrySeconds()));
        } else if (s.slaveAddresses().entries().isEmpty()) {
            r.append(String.format("  slave broadcast %s%n", s.slaveBroadcastAddress()));
        }
        for (String line : network.stamping()) {
            r.append("  timestamps, ").append(line).append('\n');
        }
        return r.toString();
    }

    @Override
    public void setDebug(int level) {
        engine.setDebug(level);
    }

    @Override
    public long userTag(int event) {
        return engine.userTag(event);
    }

    @Override
    public void forceSync() throws EventSystemException {
        engine.forceSync();
    }

    @Override
    public MasterReading askMaster() throws IOException {
        SlaveSync slave = network.slave();
        if (slave == null) {
            throw new IllegalStateException("this server is not a slave (master = false in "
                    + "etc/org.syncscope.timestamp.cfg)");
        }
        try {
            MasterClient.Exchange e = slave.ask();
            return new MasterReading(e.reply().currentTimeNanos(), e.reply().masterTimeNanos(), e.reply().outOfSync(),
                    e.offsetNanos(), e.roundTripNanos());
        } catch (MalformedPacketException junk) {
            throw new IOException(junk.getMessage(), junk);
        }
    }

    @Override
    public NtpReading askNtp() throws IOException {
        NtpSync ntp = network.ntp();
        if (ntp == null) {
            throw new IllegalStateException("no ntpServers configured in etc/org.syncscope.timestamp.cfg");
        }
        try {
            SntpClient.Sample s = ntp.ask();
            return new NtpReading(s.serverTimeNanos(), s.stratum(), s.offsetNanos(), s.delayNanos());
        } catch (MalformedPacketException junk) {
            throw new IOException(junk.getMessage(), junk);
        }
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
    public TimestampView timestamp() {
        StatusPvs s = status;
        if (s != null) {
            return s.view();
        }
        // no status PVs (statusPrefix empty, or not published): nothing served to show
        PvValueView none = PvValueView.none("");
        return new TimestampView(none, none, none, none, none, none, none, none, none, none);
    }

    @Override
    public Registration addEventListener(int event, TimeEventListener listener) {
        return engine.addEventListener(event, listener);
    }

    private void housekeeping() {
        try {
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
