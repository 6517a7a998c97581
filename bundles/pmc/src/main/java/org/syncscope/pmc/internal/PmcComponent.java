package org.syncscope.pmc.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
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
import org.syncscope.api.config.ConfigCheck;
import org.syncscope.api.config.InvalidConfigException;
import org.syncscope.api.ptp.CurrentDataSet;
import org.syncscope.api.ptp.DefaultDataSet;
import org.syncscope.api.ptp.GrandmasterSettingsNp;
import org.syncscope.api.ptp.HostPtpReading;
import org.syncscope.api.ptp.HostPtpReadings;
import org.syncscope.api.ptp.HostPtpStatus;
import org.syncscope.api.ptp.ParentDataSet;
import org.syncscope.api.ptp.PortDataSet;
import org.syncscope.api.ptp.PtpManagement;
import org.syncscope.api.ptp.PtpManagementException;
import org.syncscope.api.ptp.TimeStatusNp;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.pmc.PmcAdapter;
import org.syncscope.rebind.RebindingPublisher;

/**
 * The host's {@link PtpManagement}, native or through pmc as {@code etc/org.syncscope.pmc.cfg} says.
 * A configuration change swaps the client live (a bad value is refused and the previous settings
 * stay); with {@code publishPeriodSeconds > 0} the host status is also posted as PVs, which come
 * back by themselves when the Channel Access server is redeployed.
 *
 * <p>It is the one poller of the host's PTP status ({@link HostPtpReadings}): every reading, the
 * periodic ones and those made because a consumer (the PTP check) asked for a newer one, is made
 * on the adapter's thread, posted to the PVs when they are published, and handed to the consumers.
 *
 * <p>Activate, modified and deactivate never wait for ptp4l nor for a thread: building a client
 * does no I/O, closing one only marks it (an exchange in progress on it ends within 50 ms and closes
 * its socket), and (re)starting the publisher and every publish run on the adapter's own thread.
 */
@Component(service = {PtpManagement.class, HostPtpReadings.class, PmcAdapter.class}, configurationPid = PmcConfig.PID, immediate = true)
@Designate(ocd = PmcConfig.class)
public final class PmcComponent implements PmcAdapter, HostPtpReadings {

    private static final Logger LOG = LoggerFactory.getLogger(PmcComponent.class);

    private final RebindingPublisher publisher = new RebindingPublisher("pmc adapter");
    /** The adapter's own thread: closes replaced clients, runs the publisher. */
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pmc-adapter");
        t.setDaemon(true);
        return t;
    });
    private volatile PmcSettings settings;
    private volatile ManagementClient client;
    /** Why the configuration (or its last change) was refused; empty when it was not. */
    private volatile String refusal = "";
    private volatile boolean stopped;
    // confined to the worker thread
    private volatile ScheduledFuture<?> publishing;   // written on the worker, cancelled by deactivate
    private HostStatusPvs pvs;
    private String lastProblem = "";
    private final HostReadings readings = new HostReadings();

    @Activate
    public PmcComponent(PmcConfig config, Map<String, Object> properties) {
        PmcSettings s = check(config, properties);
        if (s == null) {
            LOG.error("pmc adapter: configuration refused: {}", refusal);
            return;
        }
        apply(s);
    }

    @Reference(name = "publisher", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = PvPublisher.ALL_PROTOCOLS, unbind = "unbindPublisher")
    void bindPublisher(PvPublisher p) {
        publisher.bind(p);
    }

    void unbindPublisher(PvPublisher p) {
        publisher.unbind(p);
    }

    @Modified
    void modified(PmcConfig config, Map<String, Object> properties) {
        boolean running = client != null;
        PmcSettings s = check(config, properties);
        if (s == null) {
            LOG.error(running ? "pmc adapter: {}" : "pmc adapter: configuration refused: {}", refusal);
            return;
        }
        if (s.equals(settings)) {
            return;
        }
        apply(s);
    }

    /**
     * Never waits: the client is closed (an exchange in progress ends within 50 ms, a pmc run is
     * killed), the PVs are closed on the adapter's thread, which then ends by itself.
     */
    @Deactivate
    void deactivate() {
        stopped = true;
        readings.stop();
        ManagementClient c = client;
        client = null;
        if (c != null) {
            c.close();
        }
        ScheduledFuture<?> running = publishing;
        if (running != null) {
            running.cancel(true);
        }
        try {
            worker.execute(() -> {
                stopPublishing();
                closePvs();
            });
        } catch (RejectedExecutionException alreadyStopped) {
            // nothing was started
        }
        worker.shutdown();
    }

    /** The settings, or null with {@link #refusal} saying why; no config method is called on a bad value. */
    private PmcSettings check(PmcConfig config, Map<String, Object> properties) {
        try {
            ConfigCheck.require(PmcConfig.class, properties);
            PmcSettings s = PmcSettings.of(config);
            refusal = "";
            return s;
        } catch (IllegalArgumentException bad) {
            String text = bad instanceof InvalidConfigException ? bad.getMessage()
                    : ConfigCheck.origin(properties) + ": " + bad.getMessage();
            refusal = client != null ? "change refused, previous settings stay: " + text : text;
            return null;
        }
    }

    /**
     * Swaps the client now (no I/O); the old one is closed and the publishing rescheduled on the
     * worker. The PVs stay (their clients stay connected) unless the prefix changed or publishing
     * was switched off.
     */
    private void apply(PmcSettings next) {
        ManagementClient old = client;
        ManagementClient fresh = next.newClient();
        client = fresh;
        settings = next;
        LOG.info("pmc adapter: {} (timeout {} ms, domain {})", fresh.describe(), next.timeoutMs(), next.domainNumber());
        if (old != null) {
            old.close();   // never waits; an exchange in progress on it ends soon
        }
        try {
            worker.execute(() -> {
                stopPublishing();
                if (client != fresh) {
                    return;   // a later change is queued behind this one
                }
                if (next.publishPeriodSeconds() == 0 || (pvs != null && !pvs.prefix().equals(next.pvPrefix()))) {
                    closePvs();
                }
                if (next.publishPeriodSeconds() > 0) {
                    startPublishing(next);
                }
            });
        } catch (RejectedExecutionException deactivated) {
            fresh.close();
        }
    }

    private void startPublishing(PmcSettings s) {
        if (pvs == null) {
            try {
                pvs = new HostStatusPvs(publisher, s.pvPrefix());
            } catch (RuntimeException bad) {
                LOG.error("pmc adapter: host status PVs not published: {}", bad.getMessage());
                return;
            }
        }
        // at a fixed rate: a reading takes up to timeoutMs, the PVs still follow the configured period
        publishing = worker.scheduleAtFixedRate(this::readSafely, 0, s.publishPeriodSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public HostPtpReading latest() {
        return readings.latest();
    }

    /**
     * Waits at most four timeouts and a second: a reading may retry its exchange once, and one
     * already running on the adapter's thread may be ahead of it.
     */
    @Override
    public HostPtpReading after(long sequence) throws InterruptedException {
        HostPtpReading l = readings.latest();
        if (l.sequence() > sequence) {
            return l;
        }
        requestReading();
        PmcSettings s = settings;
        return readings.await(sequence, 4L * (s != null ? s.timeoutMs() : 1000) + 1000);
    }

    /** One reading on the adapter's thread soon, unless one is queued already. */
    private void requestReading() {
        if (readings.request()) {
            try {
                worker.execute(() -> {
                    readings.started();
                    readSafely();
                });
            } catch (RejectedExecutionException deactivated) {
                readings.started();
            }
        }
    }

    /** A scheduled task that throws is never run again: nothing may leave this one. */
    private void readSafely() {
        try {
            read();
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable t) {
            problem("publishing the host PTP status failed: " + describe(t));
        }
    }

    /**
     * One reading of the host status, on the adapter's thread: handed to the consumers and posted
     * to the PVs when they are published. Stamped when the reading is complete (or has failed), not
     * when it was asked for. A reading cut short because an edit replaced the client is no news
     * about ptp4l: nothing is recorded, and the new client reads at once.
     */
    private void read() {
        ManagementClient c = client;
        if (c == null) {
            if (!stopped) {
                readings.failed("the pmc adapter does not read ptp4l: configuration refused: " + refusal,
                        HostReadings.now());
            }
            return;
        }
        HostStatusPvs target = pvs;
        try {
            HostPtpStatus status = c.hostStatus();
            long time = HostReadings.now();
            readings.read(status, time);
            if (target != null) {
                target.update(status, time);
            }
            if (!lastProblem.isEmpty()) {
                LOG.info("pmc adapter: ptp4l answers again ({})", status.role().displayName());
                lastProblem = "";
            }
        } catch (PtpManagementException | RuntimeException e) {
            if (stopped) {
                return;
            }
            if (c != client) {
                requestReading();
                return;
            }
            long time = HostReadings.now();
            readings.failed(describe(e), time);
            problem("host PTP status unavailable: " + describe(e));
            if (target != null) {
                target.failed(time);
            }
        }
    }

    /** Logged once per distinct problem, not at every period. */
    private void problem(String text) {
        if (!text.equals(lastProblem)) {
            LOG.warn("pmc adapter: {}", text);
            lastProblem = text;
        }
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getName() : t.getMessage();
    }

    private void stopPublishing() {
        if (publishing != null) {
            publishing.cancel(false);
            publishing = null;
        }
    }

    private void closePvs() {
        if (pvs != null) {
            pvs.close();
            pvs = null;
        }
    }

    /** Why the configuration or its last change was refused; empty when it was not. */
    String refusal() {
        return refusal;
    }

    @Override
    public boolean reading() {
        return client != null;
    }

    @Override
    public String describe() {
        ManagementClient c = client;
        String r = refusal;
        if (c == null) {
            return "not reading ptp4l: configuration refused: " + r;
        }
        return r.isEmpty() ? c.describe() : c.describe() + "; " + r;
    }

    private ManagementClient client() throws PtpManagementException {
        ManagementClient c = client;
        if (c == null && stopped) {
            throw new PtpManagementException("the pmc adapter is stopped");
        }
        if (c == null) {
            throw new PtpManagementException("the pmc adapter does not read ptp4l: configuration refused: " + refusal);
        }
        return c;
    }

    @Override
    public CurrentDataSet currentDataSet() throws PtpManagementException {
        return client().currentDataSet();
    }

    @Override
    public DefaultDataSet defaultDataSet() throws PtpManagementException {
        return client().defaultDataSet();
    }

    @Override
    public ParentDataSet parentDataSet() throws PtpManagementException {
        return client().parentDataSet();
    }

    @Override
    public TimeStatusNp timeStatus() throws PtpManagementException {
        return client().timeStatus();
    }

    @Override
    public GrandmasterSettingsNp grandmasterSettings() throws PtpManagementException {
        return client().grandmasterSettings();
    }

    @Override
    public List<PortDataSet> portDataSets() throws PtpManagementException {
        return client().portDataSets();
    }

    @Override
    public HostPtpStatus hostStatus() throws PtpManagementException {
        return client().hostStatus();
    }
}
