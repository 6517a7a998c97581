package org.syncscope.camera.sim.internal;

import java.util.Map;
import java.util.function.LongSupplier;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.testing.Configs;

/**
 * Builds the real simulated-camera driver for the PTP check's tests, on a clock the test moves
 * (same package as the driver, so its package-private test constructor is reachable).
 */
public final class SimCameras {

    private SimCameras() {
    }

    /** A driver with the configuration defaults, some replaced; both clocks follow {@code nanos}. */
    public static CameraDriver driver(Map<String, Object> values, LongSupplier nanos) {
        SimCameraConfig config = Configs.of(SimCameraConfig.class, values);
        long trueTimeAtZero = 1_795_000_000_000_000_000L;
        return new SimCameraDriver(config, new SimClock() {
            @Override
            public long monotonicNanos() {
                return nanos.getAsLong();
            }

            @Override
            public long trueTimeNanos() {
                return trueTimeAtZero + nanos.getAsLong();
            }
        });
    }
}
