package org.syncscope.camera.sim.internal;

import java.util.Map;
import java.util.function.LongSupplier;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.testing.Configs;

/**
 * Reaches the driver's test constructor for {@link org.syncscope.camera.sim.testing.SimCameras},
 * which other bundles' tests use; they never name this class.
 */
public final class SimCameraFixture {

    private SimCameraFixture() {
    }

    public static CameraDriver driver(Map<String, Object> values, LongSupplier nanos, long trueTimeAtZero) {
        SimCameraConfig config = Configs.of(SimCameraConfig.class, values);
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
