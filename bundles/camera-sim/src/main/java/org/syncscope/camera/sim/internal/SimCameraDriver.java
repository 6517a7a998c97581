package org.syncscope.camera.sim.internal;

import org.syncscope.api.time.EpicsTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.camera.Camera;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.camera.CameraException;
import org.syncscope.api.camera.CameraInfo;
import org.syncscope.api.time.TimestampService;

/**
 * Simulated PTP cameras ({@code driver=sim}), one instance per
 * {@code etc/org.syncscope.camera.sim-NAME.cfg}. True time comes from the Syncscope timestamp
 * driver when one runs, else from the system clock.
 */
@Component(configurationPid = SimCameraConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = CameraDriver.DRIVER + "=sim")
@Designate(ocd = SimCameraConfig.class, factory = true)
public final class SimCameraDriver implements CameraDriver, SimClock {

    private static final Logger LOG = LoggerFactory.getLogger(SimCameraDriver.class);

    private final Map<String, SimDevice> devices = new LinkedHashMap<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TimestampService time;

    @Activate
    public SimCameraDriver(SimCameraConfig config) {
        this(config, null);
    }

    /** For tests: cameras on a given clock ({@code null}: this driver's own). */
    SimCameraDriver(SimCameraConfig config, SimClock clock) {
        List<SimCameraSpec> specs;
        try {
            specs = SimCameraSpec.of(config);
        } catch (IllegalArgumentException bad) {
            LOG.error("simulated cameras {}: configuration refused: {}", config.name(), bad.getMessage());
            throw bad;
        }
        for (SimCameraSpec s : specs) {
            devices.put(s.info().serial(), new SimDevice(s, clock == null ? this : clock, config.convergenceSeconds(),
                    config.latchJitterNs()));
        }
        LOG.info("simulated cameras {}: {}", config.name(), devices.keySet());
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
        SimDevice d = devices.get(serial);
        if (d == null) {
            throw new CameraException("no simulated camera has serial " + serial + " (have " + devices.keySet() + ")");
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
