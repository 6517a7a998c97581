package org.syncscope.camera.sim.testing;

import java.util.Map;
import java.util.function.LongSupplier;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.camera.sim.internal.SimCameraFixture;

/**
 * The real simulated-camera driver for other bundles' tests (camera-sim's test-jar), on a clock
 * the test moves; no OSGi framework needed.
 */
public final class SimCameras {

    /** True time when {@code nanos} reads 0: a fixed instant, so readings repeat from run to run. */
    public static final long TRUE_TIME_AT_ZERO = 1_795_000_000_000_000_000L;

    private SimCameras() {
    }

    /**
     * A driver with the configuration defaults, some replaced ({@code values}: keys of
     * {@code etc/org.syncscope.camera.sim-NAME.cfg}); both its clocks follow {@code nanos}, true
     * time from {@link #TRUE_TIME_AT_ZERO}.
     *
     * @throws IllegalArgumentException a value the driver refuses, naming the key
     */
    public static CameraDriver driver(Map<String, Object> values, LongSupplier nanos) {
        return SimCameraFixture.driver(values, nanos, TRUE_TIME_AT_ZERO);
    }
}
