package org.syncscope.ptpcheck.internal;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.ptp.PtpManagement;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.rebind.RebindingPublisher;

/**
 * The PTP check's wiring: the camera driver chosen by {@code camera.target} (editing it in
 * {@code etc/org.syncscope.ptpcheck.cfg} makes SCR rebind this component to the new driver), the
 * host's {@link PtpManagement}, and the monitor when {@code monitorPeriodSeconds > 0}. The camera
 * driver, the pmc adapter and the Channel Access server may each be redeployed under it: the
 * monitor goes on with whatever is bound at each cycle, and its PVs come back on a new server.
 */
@Component(service = PtpCheckComponent.class, configurationPid = PtpCheckConfig.PID, immediate = true)
@Designate(ocd = PtpCheckConfig.class)
public final class PtpCheckComponent {

    private static final Logger LOG = LoggerFactory.getLogger(PtpCheckComponent.class);

    private volatile CameraDriver driver;
    private volatile PtpManagement ptp;
    private final RebindingPublisher publisher = new RebindingPublisher("PTP check");
    private final CheckSettings settings;
    private final String cameraTarget;
    private final ScheduledExecutorService monitorThread;
    private final PtpMonitor monitor;

    @Activate
    public PtpCheckComponent(PtpCheckConfig config, Map<String, Object> properties) {
        try {
            this.settings = CheckSettings.of(config);
        } catch (IllegalArgumentException bad) {
            LOG.error("PTP check: configuration {} refused: {}", PtpCheckConfig.PID, bad.getMessage());
            throw bad;
        }
        this.cameraTarget = String.valueOf(properties.getOrDefault("camera.target", "(none)"));
        if (settings.monitorPeriodSeconds() > 0) {
            monitor = new PtpMonitor(this::driver, this::host, publisher, settings, this::noDriver);
            monitorThread = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ptp-monitor");
                t.setDaemon(true);
                return t;
            });
            // the first cycle comes with the camera driver's bind, which SCR makes after this constructor
            monitorThread.scheduleWithFixedDelay(monitor::cycle, settings.monitorPeriodSeconds(),
                    settings.monitorPeriodSeconds(), TimeUnit.SECONDS);
        } else {
            monitor = null;
            monitorThread = null;
        }
    }

    @Reference(name = "camera", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindCamera")
    void bindCamera(CameraDriver d) {
        driver = d;
        LOG.info("PTP check: camera driver {} ({})", d.name(), cameraTarget);
        if (monitorThread != null && !monitorThread.isShutdown()) {
            try {
                monitorThread.execute(monitor::cycle);   // PVs from the new driver's cameras now, not a period later
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // deactivated meanwhile
            }
        }
    }

    void unbindCamera(CameraDriver d) {
        if (driver == d) {
            driver = null;
        }
    }

    @Reference(name = "ptp", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindPtp")
    void bindPtp(PtpManagement p) {
        ptp = p;
    }

    void unbindPtp(PtpManagement p) {
        if (ptp == p) {
            ptp = null;
        }
    }

    @Reference(name = "publisher", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindPublisher")
    void bindPublisher(PvPublisher p) {
        publisher.bind(p);
    }

    void unbindPublisher(PvPublisher p) {
        publisher.unbind(p);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (monitorThread != null) {
            monitorThread.shutdownNow();
            monitorThread.awaitTermination(10, TimeUnit.SECONDS);
            monitor.close();
        }
    }

    /** The driver bound now, or null (the commands then say {@link #noDriver()}). */
    public CameraDriver driver() {
        return driver;
    }

    /** The host's PTP management, or null when the pmc adapter is not installed. */
    public PtpManagement host() {
        return ptp;
    }

    public CheckSettings settings() {
        return settings;
    }

    public String noDriver() {
        return "no camera driver matches camera.target=" + cameraTarget + " (etc/" + PtpCheckConfig.PID + ".cfg)";
    }
}
