package org.syncscope.timeav.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSource;
import org.syncscope.rebind.RebindingPublisher;
import org.syncscope.rebind.RebindingSource;
import org.syncscope.api.time.TimestampService;

/**
 * One TIMEAV device per {@code etc/org.syncscope.timeav-NAME.cfg}. Editing the expression restarts
 * the device on it; a bad expression shows as DAE_INVALID_SETTING on that device only. The PV
 * source ({@code source.target}) and the Channel Access server may be redeployed under a device:
 * it subscribes and publishes again and keeps its averages.
 */
@Component(service = TimeavComponent.class, configurationPid = TimeavConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = TimeavConfig.class, factory = true)
public final class TimeavComponent {

    private final ScheduledExecutorService thread;
    private final TimeavDevice device;
    // created before the constructor runs: SCR calls the bind methods after it
    private final RebindingSource source = new RebindingSource();
    private final RebindingPublisher publisher = new RebindingPublisher("TIMEAV");

    private final SystemEventSource events;

    @Activate
    public TimeavComponent(TimeavConfig config) {
        String name = config.name() == null ? "" : config.name().trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("TIMEAV: a device configuration has no name (the output PV)");
        }
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "timeav-" + name);
            t.setDaemon(true);
            return t;
        });
        events = new SystemEventSource(thread, name);
        try {
            device = new TimeavDevice(name, config.expression() == null ? "" : config.expression(), source, publisher,
                    events, thread);
        } catch (RuntimeException e) {
            thread.shutdownNow();
            throw e;
        }
    }

    /**
     * The timestamp driver, for clock events and the time itself: dynamic like the others, so a
     * redeployed or reinstalled driver costs the averages nothing. Only touches memory.
     */
    @Reference(name = "time", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindTime")
    void bindTime(TimestampService t) {
        events.bind(t);
    }

    void unbindTime(TimestampService t) {
        events.unbind(t);
    }

    @Reference(name = "source", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindSource")
    void bindSource(PvSource s) {
        source.bind(s);
    }

    void unbindSource(PvSource s) {
        source.unbind(s);
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
    void modified(TimeavConfig config) {
        device.update(config.expression() == null ? "" : config.expression());
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        device.close();
        thread.shutdown();
        if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
            thread.shutdownNow();
        }
    }

    public TimeavDevice device() {
        return device;
    }
}
