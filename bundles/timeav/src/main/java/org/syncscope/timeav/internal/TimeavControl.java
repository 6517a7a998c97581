package org.syncscope.timeav.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.status.TimeavStatusProvider;
import org.syncscope.api.status.TimeavView;
import org.syncscope.api.time.EpicsTime;
import org.syncscope.rebind.RebindingPublisher;
import org.syncscope.timeav.DeviceState;
import org.syncscope.timeav.TimeavDevices;

/**
 * The bundle's one registry of its devices and the global reset PV: every {@link TimeavComponent}
 * reaches it through a static reference and reports itself (added at activation, its state read
 * from it, removed at deactivation); registered only as {@link TimeavDevices}, which the console
 * commands inject. A bad {@code resetAllPv} is refused with the file named; a running reset PV
 * stays. Only touches memory.
 */
@Component(service = {TimeavDevices.class, TimeavStatusProvider.class}, configurationPid = TimeavControlConfig.PID, immediate = true)
@Designate(ocd = TimeavControlConfig.class)
public final class TimeavControl implements TimeavDevices, TimeavStatusProvider {

    /** The filter by which the devices find this registry and no other {@link TimeavDevices}. */
    static final String TARGET = "(component.name=org.syncscope.timeav.internal.TimeavControl)";

    private static final Logger LOG = LoggerFactory.getLogger(TimeavControl.class);

    private final List<TimeavComponent> devices = new CopyOnWriteArrayList<>();
    private final RebindingPublisher publisher = new RebindingPublisher("TIMEAV");
    private volatile PublishedPv resetAll;
    private volatile String refusal;
    private String logged;

    @Activate
    public TimeavControl(TimeavControlConfig config, Map<String, Object> properties) {
        apply(config, properties);
    }

    @Modified
    void modified(TimeavControlConfig config, Map<String, Object> properties) {
        apply(config, properties);
    }

    private void apply(TimeavControlConfig config, Map<String, Object> properties) {
        List<String> problems = ConfigCheck.problems(TimeavControlConfig.class, properties);
        String pv = config.resetAllPv() == null ? "" : config.resetAllPv().trim();
        if (problems.isEmpty() && !pv.isEmpty() && !TimeavExpression.isPvName(pv)) {
            problems = List.of("resetAllPv = '" + pv + "' is not a PV name (" + TimeavExpression.PV_NAME_CHARACTERS + ")");
        }
        if (!problems.isEmpty()) {
            String text = ConfigCheck.origin(properties) + ": " + String.join("; ", problems);
            refusal = (resetAll != null ? "change refused, previous settings stay: " : "refused: ") + text;
            if (!text.equals(logged)) {
                logged = text;
                LOG.error("TIMEAV control {}", refusal);
            }
            return;
        }
        refusal = null;
        logged = null;
        PublishedPv old = resetAll;
        if (old != null && old.spec().name().equals(pv)) {
            return;
        }
        if (old != null) {
            old.close();
        }
        resetAll = pv.isEmpty() ? null : publisher.publish(PvSpec.ofLong(pv, "", "write anything: restart every TIMEAV device")
                .withWriteHandler(value -> resetAll()));
        if (resetAll != null) {
            resetAll.post(new PvValue.LongValue(0), EpicsTime.unixNanos(Instant.now()), AlarmSeverity.NO_ALARM,
                    AlarmStatus.NO_ALARM);
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

    /** A device configuration was activated. */
    void add(TimeavComponent device) {
        devices.add(device);
    }

    /** A device configuration was deactivated. */
    void remove(TimeavComponent device) {
        devices.remove(device);
    }

    @Deactivate
    void deactivate() {
        PublishedPv pv = resetAll;
        resetAll = null;
        if (pv != null) {
            pv.close();
        }
    }

    @Override
    public String resetAllPv() {
        PublishedPv pv = resetAll;
        return pv == null ? "" : pv.spec().name();
    }

    @Override
    public String refusal() {
        return refusal;
    }

    @Override
    public List<DeviceState> configurations() {
        return components().stream().map(TimeavComponent::describe).toList();
    }

    @Override
    public List<TimeavView> timeav() {
        return components().stream().map(TimeavComponent::view).toList();
    }

    /** Every device configuration, running or refused, by output PV (refused ones without a name by file). */
    List<TimeavComponent> components() {
        return devices.stream().sorted(Comparator.comparing(TimeavControl::sortKey)).toList();
    }

    private static String sortKey(TimeavComponent c) {
        return c.device().map(TimeavDevice::name).orElse("~" + c.origin());
    }

    /** The running devices, by name. */
    List<TimeavDevice> devices() {
        return devices.stream().map(TimeavComponent::device).flatMap(Optional::stream)
                .sorted(Comparator.comparing(TimeavDevice::name)).toList();
    }

    Optional<TimeavDevice> device(String name) {
        return devices().stream().filter(d -> d.name().equals(name)).findFirst();
    }

    @Override
    public List<String> names() {
        return devices().stream().map(TimeavDevice::name).toList();
    }

    @Override
    public boolean reset(String name) {
        Optional<TimeavDevice> d = device(name);
        d.ifPresent(TimeavDevice::reset);
        return d.isPresent();
    }

    @Override
    public int resetAll() {
        List<TimeavDevice> all = devices();
        LOG.info("TIMEAV: restarting all {} devices", all.size());
        all.forEach(TimeavDevice::reset);
        return all.size();
    }

    @Override
    public String check(String expression) {
        return TimeavExpression.check(expression);
    }
}
