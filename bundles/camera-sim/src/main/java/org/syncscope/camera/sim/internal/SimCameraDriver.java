package org.syncscope.camera.sim.internal;

import org.syncscope.api.time.EpicsTime;
import java.time.Instant;
import java.util.Collections;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.camera.Camera;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.camera.CameraDriverStatus;
import org.syncscope.api.camera.CameraException;
import org.syncscope.api.camera.CameraInfo;
import org.syncscope.api.config.ConfigCheck;
import org.syncscope.api.config.InvalidConfigException;
import org.syncscope.api.time.TimestampService;

/**
 * Simulated PTP cameras ({@code driver=sim}), one instance per
 * {@code etc/org.syncscope.camera.sim-NAME.cfg}. True time comes from the Syncscope timestamp
 * driver when one runs, else from the system clock.
 *
 * <p>Every instance registers a {@link CameraDriverStatus} (so {@code camera:drivers} lists each
 * configuration, running or refused and why); its {@link CameraDriver} service, carrying the
 * configuration's properties for {@code camera.target} filters, only while its configuration is
 * good. An edit is applied live; a bad one is refused and the previous cameras stay.
 */
@Component(configurationPid = SimCameraConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = CameraDriverStatus.class, immediate = true, property = CameraDriver.DRIVER + "=sim")
@Designate(ocd = SimCameraConfig.class, factory = true)
public final class SimCameraDriver implements CameraDriver, CameraDriverStatus, SimClock {

    private static final Logger LOG = LoggerFactory.getLogger(SimCameraDriver.class);

    private volatile Map<String, SimDevice> devices = Map.of();
    private final SimClock clock;
    private final BundleContext context;
    private ServiceRegistration<CameraDriver> registration;
    private volatile String refusal = "";
    private volatile String instance = "sim";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TimestampService time;

    @Activate
    public SimCameraDriver(SimCameraConfig config, Map<String, Object> properties, BundleContext context) {
        this.clock = null;
        this.context = context;
        apply(config, properties);
    }

    /** For tests: cameras on a given clock ({@code null}: this driver's own); a bad configuration throws. */
    SimCameraDriver(SimCameraConfig config, SimClock clock) {
        this.clock = clock;
        this.context = null;
        devices = build(config);
        instance = config.name();
    }

    @Modified
    void modified(SimCameraConfig config, Map<String, Object> properties) {
        apply(config, properties);
    }

    @Deactivate
    synchronized void deactivate() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
    }

    private synchronized void apply(SimCameraConfig config, Map<String, Object> properties) {
        boolean running = registration != null;
        Object name = properties.get("name");
        String label = name == null ? "sim" : name.toString();
        try {
            ConfigCheck.require(SimCameraConfig.class, properties);
            devices = build(config);
        } catch (IllegalArgumentException bad) {
            String text = bad instanceof InvalidConfigException ? bad.getMessage()
                    : ConfigCheck.origin(properties) + ": " + bad.getMessage();
            refusal = running ? "change refused, previous settings stay: " + text : text;
            LOG.error(running ? "simulated cameras {}: {}" : "simulated cameras {}: configuration refused: {}",
                    label, refusal);
            return;
        }
        refusal = "";
        instance = label;
        Hashtable<String, Object> props = new Hashtable<>();
        properties.forEach((k, v) -> {
            if (!k.startsWith(".") && !k.equals("objectClass") && !k.equals("service.id")
                    && !k.equals("service.bundleid") && !k.equals("service.scope")) {
                props.put(k, v);
            }
        });
        props.put(CameraDriver.DRIVER, "sim");
        props.put("name", label);
        if (registration == null) {
            registration = context.registerService(CameraDriver.class, this, props);
        } else {
            registration.setProperties(props);
        }
        LOG.info("simulated cameras {}: {}", label, devices.keySet());
    }

    private Map<String, SimDevice> build(SimCameraConfig config) {
        Map<String, SimDevice> built = new LinkedHashMap<>();
        for (SimCameraSpec s : SimCameraSpec.of(config)) {
            built.put(s.info().serial(), new SimDevice(s, clock == null ? this : clock, config.convergenceSeconds(),
                    config.latchJitterNs()));
        }
        return Collections.unmodifiableMap(built);
    }

    /** True while this instance's cameras are served (its configuration, or the one before a refused edit, was good). */
    @Override
    public synchronized boolean available() {
        return registration != null;
    }

    /** Why the configuration or its last edit was refused; empty when it was not. */
    @Override
    public String reason() {
        return refusal;
    }

    /** The instance's {@code name}, as in {@code camera.target} filters. */
    String instance() {
        return instance;
    }

    @Override
    public String name() {
        return "sim";
    }

    @Override
    public List<CameraInfo> enumerate() {
        return devices.values().stream().map(d -> d.spec().info()).collect(Collectors.toList());
    }

    @Override
    public Camera open(String serial) throws CameraException {
        Map<String, SimDevice> now = devices;
        SimDevice d = now.get(serial);
        if (d == null) {
            throw new CameraException("no simulated camera has serial " + serial + " (have " + now.keySet() + ")");
        }
        return new SimCamera(d);
    }

    @Override
    public long monotonicNanos() {
        return System.nanoTime();
    }

    @Override
    public long trueTimeNanos() {
        TimestampService ts = time;
        if (ts != null) {
            return ts.currentTime();
        }
        return EpicsTime.unixNanos(Instant.now());
    }
}
