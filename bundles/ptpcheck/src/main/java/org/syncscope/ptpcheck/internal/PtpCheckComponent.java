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
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.ptp.PtpManagement;
import org.syncscope.api.pv.PvPublisher;

/**
 * The PTP check's wiring: the camera driver chosen by {@code camera.target} (editing it in
 * {@code etc/org.syncscope.ptpcheck.cfg} makes SCR rebind this component to the new driver), the
 * host's {@link PtpManagement}, and the monitor when {@code monitorPeriodSeconds > 0}.
 */
@Component(service = PtpCheckComponent.class, configurationPid = PtpCheckConfig.PID, immediate = true)
@Designate(ocd = PtpCheckConfig.class)
public final class PtpCheckComponent {

    private static final Logger LOG = LoggerFactory.getLogger(PtpCheckComponent.class);

    private final CameraDriver driver;
    private final PtpManagement ptp;
    private final CheckSettings settings;
    private final String cameraTarget;
    private ScheduledExecutorService monitorThread;
    private PtpMonitor monitor;

    @Activate
    public PtpCheckComponent(PtpCheckConfig config, Map<String, Object> properties,
            @Reference(name = "camera", cardinality = ReferenceCardinality.OPTIONAL,
                    policyOption = ReferencePolicyOption.GREEDY) CameraDriver driver,
            @Reference(name = "ptp", cardinality = ReferenceCardinality.OPTIONAL,
                    policyOption = ReferencePolicyOption.GREEDY) PtpManagement ptp,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
                    PvPublisher publisher) {
        try {
            this.settings = CheckSettings.of(config);
        } catch (IllegalArgumentException bad) {
            LOG.error("PTP check: configuration {} refused: {}", PtpCheckConfig.PID, bad.getMessage());
            throw bad;
        }
        this.driver = driver;
        this.ptp = ptp;
        this.cameraTarget = String.valueOf(properties.getOrDefault("camera.target", "(none)"));
        LOG.info("PTP check: camera driver {} ({})", driver == null ? "none" : driver.name(), cameraTarget);
        if (settings.monitorPeriodSeconds() > 0) {
            if (driver == null || publisher == null) {
                LOG.warn("PTP check: monitor not started: {}", driver == null ? noDriver() : "no Channel Access server");
            } else {
                monitor = new PtpMonitor(driver, ptp, publisher, settings);
                monitorThread = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "ptp-monitor");
                    t.setDaemon(true);
                    return t;
                });
                monitorThread.scheduleWithFixedDelay(monitor::cycle, 0, settings.monitorPeriodSeconds(), TimeUnit.SECONDS);
            }
        }
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
