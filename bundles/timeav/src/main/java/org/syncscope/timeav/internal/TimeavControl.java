package org.syncscope.timeav.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.time.EpicsTime;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;
import org.syncscope.rebind.RebindingPublisher;

/** Every TIMEAV device, the global reset PV, and what the console commands use. */
@Component(service = TimeavControl.class, configurationPid = TimeavControlConfig.PID, immediate = true)
@Designate(ocd = TimeavControlConfig.class)
public final class TimeavControl {

    private static final Logger LOG = LoggerFactory.getLogger(TimeavControl.class);

    private final List<TimeavComponent> devices = new CopyOnWriteArrayList<>();
    private final PublishedPv resetAll;
    private final RebindingPublisher publisher = new RebindingPublisher("TIMEAV");

    @Activate
    public TimeavControl(TimeavControlConfig config) {
        String pv = config.resetAllPv() == null ? "" : config.resetAllPv().trim();
        resetAll = pv.isEmpty() ? null : publisher.publish(PvSpec.ofLong(pv, "", "write anything: restart every TIMEAV device")
                .withWriteHandler(value -> resetAll()));
        if (resetAll != null) {
            resetAll.post(new PvValue.LongValue(0), EpicsTime.unixNanos(Instant.now()), AlarmSeverity.NO_ALARM,
                    AlarmStatus.NO_ALARM);
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

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDevice(TimeavComponent device) {
        devices.add(device);
    }

    void removeDevice(TimeavComponent device) {
        devices.remove(device);
    }

    @Deactivate
    void deactivate() {
        if (resetAll != null) {
            resetAll.close();
        }
    }

    public List<TimeavDevice> devices() {
        return devices.stream().map(TimeavComponent::device).sorted(Comparator.comparing(TimeavDevice::name)).toList();
    }

    public Optional<TimeavDevice> device(String name) {
        return devices().stream().filter(d -> d.name().equals(name)).findFirst();
    }

    public void resetAll() {
        LOG.info("TIMEAV: restarting all {} devices", devices.size());
        devices().forEach(TimeavDevice::reset);
    }
}
