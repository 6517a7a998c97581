package org.syncscope.eventsystem.mrf.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
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
import org.syncscope.api.eventsystem.EventSystemDriver;
import org.syncscope.api.pv.PvSource;
import org.syncscope.eventsystem.mrf.MrfReceiverState;
import org.syncscope.eventsystem.mrf.MrfReceivers;
import org.syncscope.rebind.RebindingSource;

/**
 * One {@code etc/org.syncscope.eventsystem.mrf-NAME.cfg}: while its configuration is accepted, a
 * {@link MrfEventSystem} registered as {@code driver=mrf} with its {@code name}; a refused one
 * registers no driver but stays listed ({@code eventsystem:mrf}) with the reason, and a bad edit
 * keeps the running driver. The PV source ({@code source.target}) may come, go and be replaced
 * under a driver: it subscribes again through a {@link RebindingSource}. Not a service itself:
 * it adds itself to the bundle's {@link MrfInstances} registry.
 */
@Component(service = {}, configurationPid = MrfConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true)
@Designate(ocd = MrfConfig.class, factory = true)
public final class MrfInstance {

    private static final Logger LOG = LoggerFactory.getLogger(MrfInstance.class);

    // created before the constructor runs: SCR calls the bind methods after it
    private final RebindingSource source = new RebindingSource();
    private final Object binding = new Object();
    private volatile String protocol;
    private PvSource bound;   // guarded by binding

    private final BundleContext context;
    private final MrfInstances registry;
    private final ScheduledExecutorService thread;
    private volatile String origin;
    private volatile MrfEventSystem running;
    private ServiceRegistration<EventSystemDriver> registration;
    private ScheduledFuture<?> connectCheck;
    /** Why the last configuration was refused; null when it was applied. */
    private volatile String refusal;
    private String logged;

    /** @param registry this bundle's {@link MrfInstances} (the target picks it; it is registered only as MrfReceivers) */
    @Activate
    public MrfInstance(BundleContext context, MrfConfig config, Map<String, Object> properties,
                       @Reference(name = "registry", target = MrfInstances.TARGET) MrfReceivers registry) {
        this.context = context;
        this.registry = (MrfInstances) registry;
        // after deactivate, late callbacks (the source's disconnects at its unbind) are dropped, not thrown
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "eventsystem-mrf-" + MrfSettings.fileName(properties));
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.DiscardPolicy());
        executor.setRemoveOnCancelPolicy(true);
        this.thread = executor;
        apply(config, properties);
        this.registry.add(this);
    }

    /** The PV source ({@code source.target}, default {@code (protocol=ca)}); only touches memory. */
    @Reference(name = "source", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(protocol=ca)", unbind = "unbindSource")
    void bindSource(PvSource s, Map<String, Object> properties) {
        synchronized (binding) {
            bound = s;
            Object p = properties.get(PvSource.PROTOCOL);
            protocol = p == null ? "?" : p.toString();
        }
        source.bind(s);
    }

    void unbindSource(PvSource s) {
        synchronized (binding) {
            if (bound == s) {
                bound = null;
                protocol = null;
            }
        }
        source.unbind(s);
    }

    @Modified
    void modified(MrfConfig config, Map<String, Object> properties) {
        apply(config, properties);
    }

    @Deactivate
    synchronized void deactivate() {
        registry.remove(this);
        stop();
        thread.shutdown();
    }

    private synchronized void apply(MrfConfig config, Map<String, Object> properties) {
        origin = ConfigCheck.origin(properties);
        MrfSettings next;
        try {
            ConfigCheck.require(MrfConfig.class, properties);
            next = MrfSettings.of(config, MrfSettings.fileName(properties));
        } catch (IllegalArgumentException bad) {
            refuse(bad.getMessage().startsWith(origin) ? bad.getMessage().substring(origin.length() + 2) : bad.getMessage());
            return;
        }
        if (running != null && running.settings().equals(next)) {
            accepted();
            return;
        }
        stop();
        MrfEventSystem driver = new MrfEventSystem(next, origin, source, thread, () -> protocol);
        try {
            driver.start();
        } catch (IllegalArgumentException refused) {
            refuse("the PV source refuses a name: " + refused.getMessage());
            return;
        }
        running = driver;
        connectCheck = thread.schedule(driver::checkConnections, next.connectTimeoutSeconds(), TimeUnit.SECONDS);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(EventSystemDriver.DRIVER, "mrf");
        props.put("name", next.name());
        registration = context.registerService(EventSystemDriver.class, driver, props);
        LOG.info("mrf {} ({}): reading receiver {} and events {} over {}", next.name(), origin, next.prefix(),
                next.events().stream().map(e -> e.code() + "=" + e.prefix()).toList(), next.protocol());
        accepted();
    }

    private void stop() {
        if (registration != null) {
            registration.unregister();   // users let go at once (their unbind only touches memory)
            registration = null;
        }
        if (connectCheck != null) {
            connectCheck.cancel(false);
            connectCheck = null;
        }
        if (running != null) {
            running.close();
            running = null;
        }
    }

    private void accepted() {
        refusal = null;
        logged = null;
    }

    /** One ERROR line per new reason, no stack trace; a running driver keeps its settings. */
    private void refuse(String reason) {
        String text = origin + ": " + reason;
        refusal = running == null ? text : "change refused, previous settings stay: " + text;
        if (!text.equals(logged)) {
            logged = text;
            LOG.error("mrf event receiver {}", refusal);
        }
    }

    /** What {@code eventsystem:mrf} shows of this configuration, read now. */
    MrfReceiverState view() {
        MrfEventSystem d = running;
        return d == null ? new MrfReceiverState(origin, "?", state(), "", "", List.of())
                : new MrfReceiverState(origin, d.name(), state(), d.describe(), d.lastSecond(), d.events());
    }

    /** {@code running}, {@code refused: <why>} or {@code running; change refused, previous settings stay: <why>}. */
    String state() {
        String r = refusal;
        if (running == null) {
            return r == null ? "stopped" : "refused: " + r;
        }
        return r == null ? "running" : "running; " + r;
    }

    /** The driver while one runs (tests). */
    MrfEventSystem driver() {
        return running;
    }
}
