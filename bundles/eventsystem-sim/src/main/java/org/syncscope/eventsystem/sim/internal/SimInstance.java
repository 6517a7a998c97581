package org.syncscope.eventsystem.sim.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.config.ConfigCheck;
import org.syncscope.api.eventsystem.EventSystemDriver;
import org.syncscope.eventsystem.sim.SimEventSystems;
import org.syncscope.eventsystem.sim.SimState;

/**
 * One {@code etc/org.syncscope.eventsystem.sim-NAME.cfg}: while its configuration is accepted, a
 * {@link SimEventSystem} registered as {@code driver=sim} with its {@code name}; a refused one
 * registers no driver but stays listed ({@code eventsystem:list}) with the reason. A bad edit
 * keeps the running simulation. Not a service itself: it reports its state to the bundle's
 * {@link SimInstances} registry.
 */
@Component(service = {}, configurationPid = SimConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true)
@Designate(ocd = SimConfig.class, factory = true)
public final class SimInstance {

    private static final Logger LOG = LoggerFactory.getLogger(SimInstance.class);

    private final BundleContext context;
    private final SimInstances registry;
    private final String origin;
    private SimEventSystem running;
    private ServiceRegistration<EventSystemDriver> registration;
    private volatile String state;

    /** @param registry this bundle's {@link SimInstances} (the target filter picks it; it is registered only as SimEventSystems) */
    @Activate
    public SimInstance(BundleContext context, SimConfig config, Map<String, Object> properties,
                       @Reference(name = "registry", target = SimInstances.TARGET) SimEventSystems registry) {
        this.context = context;
        this.registry = (SimInstances) registry;
        this.origin = ConfigCheck.origin(properties);
        apply(config, properties);
    }

    @Modified
    void modified(SimConfig config, Map<String, Object> properties) {
        apply(config, properties);
    }

    private synchronized void apply(SimConfig config, Map<String, Object> properties) {
        SimEventSystem next;
        try {
            ConfigCheck.require(SimConfig.class, properties);
            next = new SimEventSystem(config);
        } catch (IllegalArgumentException bad) {
            String why = bad.getMessage().startsWith(origin) ? bad.getMessage() : origin + ": " + bad.getMessage();
            state = (running != null ? "change refused, previous settings stay: " : "refused: ") + why;
            LOG.error("simulated event system: {}", state);
            registry.report(this, new SimState(origin, name(), state));
            return;
        }
        stop();
        running = next;
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(EventSystemDriver.DRIVER, "sim");
        props.put("name", config.name());
        registration = context.registerService(EventSystemDriver.class, next, props);
        state = "running: " + next.describe();
        registry.report(this, new SimState(origin, name(), state));
    }

    private void stop() {
        if (registration != null) {
            registration.unregister();   // users let go at once (their unbind only touches memory)
            registration = null;
        }
        if (running != null) {
            running.close();
            running = null;
        }
    }

    @Deactivate
    synchronized void deactivate() {
        stop();
        registry.remove(this);
    }

    /** The configuration file (or PID) this instance comes from. */
    public String origin() {
        return origin;
    }

    /** The instance's name while running, else the file's. */
    public synchronized String name() {
        return running != null ? running.name() : "?";
    }

    /** "running: …" or "refused: why" / "change refused, previous settings stay: why". */
    public String state() {
        return state;
    }

    /** The driver, while one is running (tests). */
    synchronized SimEventSystem driver() {
        return running;
    }
}
