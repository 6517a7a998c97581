package org.syncscope.timeav.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.config.ConfigCheck;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSource;
import org.syncscope.api.time.TimestampService;
import org.syncscope.rebind.RebindingPublisher;
import org.syncscope.rebind.RebindingSource;
import org.syncscope.api.status.PvValueView;
import org.syncscope.api.status.TimeavView;
import org.syncscope.timeav.DeviceState;
import org.syncscope.timeav.TimeavDevices;

/**
 * One TIMEAV device per {@code etc/org.syncscope.timeav-NAME.cfg}. Editing the expression restarts
 * the device on it; a bad expression shows as DAE_INVALID_SETTING on that device only; a new name
 * rebuilds the device under it. A configuration that cannot make a device (no name, a name that
 * is no PV name or is taken) is refused: the component stays, {@code timeav:list} shows the file
 * and why, and a running device keeps its previous settings. The PV source ({@code source.target})
 * and the Channel Access server may be redeployed under a device: it subscribes and publishes
 * again and keeps its averages. Nothing here waits: the device's work runs on its own thread.
 *
 * <p>Not a service: each instance reports to the bundle's {@link TimeavControl} (a static,
 * mandatory reference: same bundle, same lifetime), which the console reads.
 */
@Component(service = {}, configurationPid = TimeavConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = TimeavConfig.class, factory = true)
public final class TimeavComponent {

    private static final Logger LOG = LoggerFactory.getLogger(TimeavComponent.class);

    // created before the constructor runs: SCR calls the bind methods after it
    private final RebindingSource source = new RebindingSource();
    private final RebindingPublisher publisher = new RebindingPublisher("TIMEAV");
    private final TimeavControl control;
    private final ScheduledExecutorService thread;
    private final SystemEventSource events;

    private volatile String origin;
    private volatile TimeavDevice device;
    /** Why the last configuration was refused; null when it was applied. */
    private volatile String refusal;
    private String logged;

    @Activate
    public TimeavComponent(@Reference(service = TimeavDevices.class, target = TimeavControl.TARGET) TimeavDevices control,
                           TimeavConfig config, Map<String, Object> properties) {
        // the target is this bundle's registry: registered only under its public interface, it is a TimeavControl
        this.control = (TimeavControl) control;
        // after deactivate, late callbacks (the source's disconnect at its unbind, a clock event) are dropped, not thrown
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "timeav");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.DiscardPolicy());
        executor.setRemoveOnCancelPolicy(true);
        thread = executor;
        events = new SystemEventSource(thread, ConfigCheck.origin(properties));
        apply(config, properties);
        this.control.add(this);
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
            policyOption = ReferencePolicyOption.GREEDY, target = PvPublisher.ALL_PROTOCOLS, unbind = "unbindPublisher")
    void bindPublisher(PvPublisher p) {
        publisher.bind(p);
    }

    void unbindPublisher(PvPublisher p) {
        publisher.unbind(p);
    }

    @Modified
    void modified(TimeavConfig config, Map<String, Object> properties) {
        apply(config, properties);
    }

    /** Hands the device's close to its thread and lets the thread end after it; waits for neither. */
    @Deactivate
    void deactivate() {
        control.remove(this);
        TimeavDevice d = device;
        device = null;
        if (d != null) {
            d.close();
        }
        thread.shutdown();
    }

    private void apply(TimeavConfig config, Map<String, Object> properties) {
        origin = ConfigCheck.origin(properties);
        List<String> problems = ConfigCheck.problems(TimeavConfig.class, properties);
        if (!problems.isEmpty()) {
            refuse(String.join("; ", problems));
            return;
        }
        String name = config.name() == null ? "" : config.name().trim();
        String expression = config.expression() == null ? "" : config.expression();
        if (name.isEmpty()) {
            refuse("no name: add name = <the output PV>");
            return;
        }
        if (!TimeavExpression.isPvName(name)) {
            refuse("name = '" + name + "' is not a PV name (" + TimeavExpression.PV_NAME_CHARACTERS + ")");
            return;
        }
        TimeavDevice running = device;
        if (running != null && running.name().equals(name)) {
            if (!expression.equals(running.expression())) {
                running.update(expression);
            }
            accepted();
            return;
        }
        TimeavDevice next;
        try {
            next = new TimeavDevice(name, expression, source, publisher, events, thread);
        } catch (IllegalArgumentException taken) {
            refuse("name = '" + name + "': " + taken.getMessage());
            return;
        }
        if (running != null) {
            running.close();
            LOG.info("TIMEAV {}: {} is now {}", origin, running.name(), name);
        }
        device = next;
        thread.execute(() -> Thread.currentThread().setName("timeav-" + name));
        accepted();
    }

    private void accepted() {
        refusal = null;
        logged = null;
    }

    /** One ERROR line per new reason, no stack trace; a running device keeps its settings. */
    private void refuse(String reason) {
        String text = origin + ": " + reason;
        refusal = device == null ? text : "change refused, previous settings stay: " + text;
        if (!text.equals(logged)) {
            logged = text;
            LOG.error("TIMEAV {}", refusal);
        }
    }

    /** What {@code timeav:list} shows of this configuration, read now. */
    DeviceState describe() {
        TimeavDevice d = device;
        return d == null ? new DeviceState("", origin, state(), "", "", "")
                : new DeviceState(d.name(), origin, state(), d.expression(), d.statusText(), d.outputText());
    }

    /** This configuration as the status page and the metrics show it, read now. */
    TimeavView view() {
        TimeavDevice d = device;
        return d == null ? new TimeavView("", origin, state(), PvValueView.none(""), PvValueView.none(""))
                : new TimeavView(d.name(), origin, state(), d.outputView(), d.statusView());
    }

    /** The running device, or nothing while the configuration is refused. */
    public Optional<TimeavDevice> device() {
        return Optional.ofNullable(device);
    }

    /** Where the configuration comes from: {@code etc/org.syncscope.timeav-NAME.cfg}, or its PID. */
    public String origin() {
        return origin;
    }

    /** {@code running}, {@code refused: <why>} or {@code running; change refused, previous settings stay: <why>}. */
    public String state() {
        String r = refusal;
        if (device == null) {
            return r == null ? "stopped" : "refused: " + r;
        }
        return r == null ? "running" : "running; " + r;
    }
}
