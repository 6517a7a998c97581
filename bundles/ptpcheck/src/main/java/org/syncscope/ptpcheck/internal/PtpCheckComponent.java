package org.syncscope.ptpcheck.internal;

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
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.camera.CameraException;
import org.syncscope.api.config.ConfigCheck;
import org.syncscope.api.config.InvalidConfigException;
import org.syncscope.api.ptp.HostPtpReadings;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.status.PtpStatusProvider;
import org.syncscope.api.status.PtpView;
import org.syncscope.ptpcheck.CheckOptions;
import org.syncscope.ptpcheck.CheckResult;
import org.syncscope.ptpcheck.CheckSettings;
import org.syncscope.ptpcheck.HostView;
import org.syncscope.ptpcheck.PtpCheck;
import org.syncscope.ptpcheck.Timestat;
import org.syncscope.rebind.RebindingPublisher;

/**
 * The PTP check's wiring: the camera driver chosen by {@code camera.target} (editing it in
 * {@code etc/org.syncscope.ptpcheck.cfg} makes SCR rebind this component to the new driver), the
 * pmc adapter's readings of the host ({@link HostPtpReadings}: the adapter is the one poller of
 * ptp4l), and the monitor when {@code monitorPeriodSeconds > 0}. The camera
 * driver, the pmc adapter and the Channel Access server may each be redeployed under it: the
 * monitor goes on with whatever is bound at each cycle, and its PVs come back on a new server.
 * While no driver matches, the monitor's PVs stay, INVALID (see {@link PtpMonitor}).
 *
 * <p>A configuration edit is applied live ({@code @Modified}); one with a bad value is refused and
 * the previous settings stay. Cycles (camera and host reads) run on the component's own thread, never
 * on SCR's: activation, edits and (un)binding only schedule them; deactivation waits for a cycle in
 * progress only a bounded time, then withdraws the PVs itself, and a cycle that comes back later
 * publishes nothing.
 */
@Component(service = {PtpCheck.class, PtpStatusProvider.class}, configurationPid = PtpCheckConfig.PID, immediate = true)
@Designate(ocd = PtpCheckConfig.class)
public final class PtpCheckComponent implements PtpCheck, PtpStatusProvider {

    private static final Logger LOG = LoggerFactory.getLogger(PtpCheckComponent.class);
    private static final long STOP_WAIT_MS = 2000;
    private static final long REBIND_GRACE_MS = 300;

    private volatile CameraDriver driver;
    private volatile HostPtpReadings ptp;
    private final RebindingPublisher publisher = new RebindingPublisher("PTP check");
    private volatile CheckSettings settings;
    private volatile String cameraTarget;
    /** Why the configuration (or its last change) was refused; empty when it was not. */
    private volatile String refusal = "";
    private final ScheduledExecutorService monitorThread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ptp-monitor");
        t.setDaemon(true);
        return t;
    });
    private final PtpMonitor monitor;
    // guarded by this
    private ScheduledFuture<?> cycles;
    private int period;

    @Activate
    public PtpCheckComponent(PtpCheckConfig config, Map<String, Object> properties) {
        monitor = new PtpMonitor(this::driver, this::host, publisher, this::noDriver);
        CheckSettings s = check(config, properties);
        if (s == null) {
            LOG.error("PTP check: configuration refused: {}", refusal);
            return;
        }
        apply(s);
    }

    @Modified
    void modified(PtpCheckConfig config, Map<String, Object> properties) {
        boolean running = settings != null;
        CheckSettings s = check(config, properties);
        if (s == null) {
            LOG.error(running ? "PTP check: {}" : "PTP check: configuration refused: {}", refusal);
            return;
        }
        if (!s.equals(settings)) {
            LOG.info("PTP check: settings changed ({})", s);
            apply(s);
        }
    }

    private CheckSettings check(PtpCheckConfig config, Map<String, Object> properties) {
        try {
            ConfigCheck.require(PtpCheckConfig.class, properties);
            CheckSettings s = SettingsCheck.of(config);
            refusal = "";
            cameraTarget = String.valueOf(properties.getOrDefault("camera.target", s.cameraTarget()));
            return s;
        } catch (IllegalArgumentException bad) {
            String text = bad instanceof InvalidConfigException ? bad.getMessage()
                    : ConfigCheck.origin(properties) + ": " + bad.getMessage();
            refusal = settings != null ? "change refused, previous settings stay: " + text : text;
            return null;
        }
    }

    /** New settings to the monitor, and its cycle (re)scheduled when the period changed. */
    private synchronized void apply(CheckSettings s) {
        settings = s;
        monitor.settings(s);
        if (s.monitorPeriodSeconds() != period) {
            if (cycles != null) {
                cycles.cancel(false);
                cycles = null;
            }
            period = s.monitorPeriodSeconds();
            if (period > 0) {
                cycles = schedule(period);
            } else {
                runOnMonitor(monitor::close);
            }
        }
        if (period > 0) {
            runOnMonitor(monitor::cycleSafely);
        }
    }

    private ScheduledFuture<?> schedule(int seconds) {
        try {
            return monitorThread.scheduleWithFixedDelay(monitor::cycleSafely, seconds, seconds, TimeUnit.SECONDS);
        } catch (RejectedExecutionException stopping) {
            return null;
        }
    }

    private void runOnMonitor(Runnable task) {
        try {
            monitorThread.execute(task);
        } catch (RejectedExecutionException stopping) {
            // deactivated meanwhile
        }
    }

    private synchronized boolean monitoring() {
        return period > 0;
    }

    @Reference(name = "camera", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindCamera")
    void bindCamera(CameraDriver d) {
        driver = d;
        LOG.info("PTP check: camera driver {} ({})", d.name(), cameraTarget);
        if (monitoring()) {
            runOnMonitor(monitor::cycleSafely);   // PVs from the new driver's cameras now, not a period later
        }
    }

    void unbindCamera(CameraDriver d) {
        if (driver == d) {
            driver = null;
            if (monitoring()) {
                // INVALID soon, not a period later; not at once: on a camera.target edit SCR unbinds the
                // old driver just before it binds the new one, which posts its cameras at once
                try {
                    monitorThread.schedule(monitor::cycleSafely, REBIND_GRACE_MS, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException stopping) {
                    // deactivated meanwhile
                }
            }
        }
    }

    @Reference(name = "ptp", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindPtp")
    void bindPtp(HostPtpReadings p) {
        ptp = p;
    }

    void unbindPtp(HostPtpReadings p) {
        if (ptp == p) {
            ptp = null;
        }
    }

    @Reference(name = "publisher", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = PvPublisher.ALL_PROTOCOLS, unbind = "unbindPublisher")
    void bindPublisher(PvPublisher p) {
        publisher.bind(p);
    }

    void unbindPublisher(PvPublisher p) {
        publisher.unbind(p);
    }

    @Deactivate
    void deactivate() {
        synchronized (this) {
            if (cycles != null) {
                cycles.cancel(false);
            }
            period = 0;
        }
        runOnMonitor(monitor::stop);
        monitorThread.shutdown();
        try {
            if (!monitorThread.awaitTermination(STOP_WAIT_MS, TimeUnit.MILLISECONDS)) {
                LOG.warn("PTP check: a monitor cycle did not end within {} ms; its PVs are withdrawn now", STOP_WAIT_MS);
                monitorThread.shutdownNow();
                monitor.stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            monitorThread.shutdownNow();
            monitor.stop();
        }
    }

    /** Whether the monitor thread has ended (after deactivation, once a cycle stuck in a driver came back). */
    boolean monitorEnded() {
        return monitorThread.isTerminated();
    }

    @Override
    public CameraDriver driver() {
        return driver;
    }

    /** The pmc adapter's readings bound now, or null. */
    HostPtpReadings host() {
        return ptp;
    }

    @Override
    public HostView readHost() {
        return HostReads.read(ptp);
    }

    @Override
    public CheckResult check(CameraDriver driver, CheckOptions options, Opened opened)
            throws CameraException, InterruptedException {
        return ConsoleRuns.check(driver, ptp, options, opened);
    }

    @Override
    public Timestat.Result timestat(CameraDriver driver, List<String> serials, Timestat.Options options,
            Timestat.SampleListener each) throws CameraException, Timestat.FatalException, InterruptedException {
        return ConsoleRuns.timestat(driver, serials, options, each);
    }

    @Override
    public PtpView ptp() {
        CheckSettings s = settings;
        String problem;
        if (s == null) {
            problem = "configuration refused: " + refusal;
        } else if (s.monitorPeriodSeconds() == 0) {
            problem = "no monitor (monitorPeriodSeconds = 0)";
        } else {
            problem = driver == null ? noDriver() : "";
        }
        return monitor.view(problem == null ? "" : problem);
    }

    @Override
    public CheckSettings settings() {
        return settings;
    }

    @Override
    public String refusal() {
        return refusal;
    }

    @Override
    public String noDriver() {
        return "no camera driver matches camera.target=" + cameraTarget + " (etc/" + PtpCheckConfig.PID + ".cfg)";
    }
}
