package org.syncscope.pmc.internal;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
import org.syncscope.api.ptp.CurrentDataSet;
import org.syncscope.api.ptp.DefaultDataSet;
import org.syncscope.api.ptp.GrandmasterSettingsNp;
import org.syncscope.api.ptp.HostPtpStatus;
import org.syncscope.api.ptp.ParentDataSet;
import org.syncscope.api.ptp.PortDataSet;
import org.syncscope.api.ptp.PtpManagement;
import org.syncscope.api.ptp.PtpManagementException;
import org.syncscope.api.ptp.TimeStatusNp;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.rebind.RebindingPublisher;
import org.syncscope.api.time.EpicsTime;

/**
 * The host's {@link PtpManagement}, native or through pmc as {@code etc/org.syncscope.pmc.cfg} says.
 * A configuration change swaps the client live (a bad value is refused and the previous settings
 * stay); with {@code publishPeriodSeconds > 0} the host status is also posted as PVs, which come
 * back by themselves when the Channel Access server is redeployed.
 */
@Component(service = {PtpManagement.class, PmcComponent.class}, configurationPid = PmcConfig.PID, immediate = true)
@Designate(ocd = PmcConfig.class)
public final class PmcComponent implements PtpManagement {

    private static final Logger LOG = LoggerFactory.getLogger(PmcComponent.class);

    private final RebindingPublisher publisher = new RebindingPublisher("pmc adapter");
    private volatile PmcSettings settings;
    private volatile ManagementClient client;
    private ScheduledExecutorService publishing;
    private HostStatusPvs pvs;
    private String lastProblem = "";

    @Activate
    public PmcComponent(PmcConfig config) {
        PmcSettings s;
        try {
            s = PmcSettings.of(config);
        } catch (IllegalArgumentException bad) {
            LOG.error("pmc adapter: configuration {} refused: {}", PmcConfig.PID, bad.getMessage());
            throw bad;
        }
        apply(s);
    }

    @Reference(name = "publisher", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindPublisher")
    void bindPublisher(PvPublisher p) {
        publisher.bind(p);
    }

    void unbindPublisher(PvPublisher p) {
        publisher.unbind(p);
    }

    @Modified
    void modified(PmcConfig config) {
        PmcSettings s;
        try {
            s = PmcSettings.of(config);
        } catch (IllegalArgumentException bad) {
            LOG.error("pmc adapter: configuration change refused, previous settings stay: {}", bad.getMessage());
            return;
        }
        apply(s);
    }

    @Deactivate
    synchronized void deactivate() {
        stopPublishing();
        client.close();
    }

    private synchronized void apply(PmcSettings next) {
        stopPublishing();
        ManagementClient old = client;
        client = next.newClient();
        settings = next;
        if (old != null) {
            old.close();
        }
        LOG.info("pmc adapter: {} (timeout {} ms, domain {})", client.describe(), next.timeoutMs(), next.domainNumber());
        if (next.publishPeriodSeconds() > 0) {
            startPublishing(next);
        }
    }

    private void startPublishing(PmcSettings s) {
        try {
            pvs = new HostStatusPvs(publisher, s.pvPrefix());
        } catch (RuntimeException bad) {
            LOG.error("pmc adapter: host status PVs not published: {}", bad.getMessage());
            return;
        }
        publishing = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pmc-host-status");
            t.setDaemon(true);
            return t;
        });
        HostStatusPvs target = pvs;
        publishing.scheduleWithFixedDelay(() -> publish(target), 0, s.publishPeriodSeconds(), TimeUnit.SECONDS);
    }

    private void publish(HostStatusPvs target) {
        long now = EpicsTime.unixNanos(Instant.now());
        try {
            HostPtpStatus status = hostStatus();
            List<PortDataSet> ports = portDataSets();
            target.update(status, ports, now);
            if (!lastProblem.isEmpty()) {
                LOG.info("pmc adapter: ptp4l answers again ({})", status.role());
                lastProblem = "";
            }
        } catch (PtpManagementException | RuntimeException e) {
            target.failed(now);
            if (!e.getMessage().equals(lastProblem)) {
                LOG.warn("pmc adapter: host PTP status unavailable: {}", e.getMessage());
                lastProblem = String.valueOf(e.getMessage());
            }
        }
    }

    private void stopPublishing() {
        if (publishing != null) {
            publishing.shutdownNow();
            try {
                publishing.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            publishing = null;
        }
        if (pvs != null) {
            pvs.close();
            pvs = null;
        }
    }

    /** "native /var/run/ptp4l" or the pmc command line, for the console. */
    public String describe() {
        return client.describe();
    }

    @Override
    public CurrentDataSet currentDataSet() throws PtpManagementException {
        return client.currentDataSet();
    }

    @Override
    public DefaultDataSet defaultDataSet() throws PtpManagementException {
        return client.defaultDataSet();
    }

    @Override
    public ParentDataSet parentDataSet() throws PtpManagementException {
        return client.parentDataSet();
    }

    @Override
    public TimeStatusNp timeStatus() throws PtpManagementException {
        return client.timeStatus();
    }

    @Override
    public GrandmasterSettingsNp grandmasterSettings() throws PtpManagementException {
        return client.grandmasterSettings();
    }

    @Override
    public List<PortDataSet> portDataSets() throws PtpManagementException {
        return client.portDataSets();
    }

    @Override
    public HostPtpStatus hostStatus() throws PtpManagementException {
        return client.hostStatus();
    }
}
