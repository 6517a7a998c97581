package org.syncscope.camera.sim.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.syncscope.api.camera.Camera;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.camera.CameraInfo;
import org.syncscope.api.camera.CameraPtpState;

/** The fixture other bundles' tests use, through its public package only: the real driver on the test's clock. */
class SimCamerasTest {

    @Test
    void theDriverFollowsTheGivenClockAndTheGivenConfiguration() throws Exception {
        AtomicLong nanos = new AtomicLong();
        CameraDriver d = SimCameras.driver(Map.of("cameras", "X1, X2", "convergenceSeconds", 1.0), nanos::get);
        assertThat(d.enumerate()).extracting(CameraInfo::serial).containsExactly("X1", "X2");
        try (Camera c = d.open("X1")) {
            c.enablePtp();
            assertThat(c.ptpState()).isEqualTo(CameraPtpState.LISTENING);
            nanos.set(1_000_000_000L);
            assertThat(c.ptpState()).as("converged when the test's clock says so").isEqualTo(CameraPtpState.SLAVE);
            c.latchTimestamp();
            assertThat(c.latchedTimestampNanos()).isEqualTo(SimCameras.TRUE_TIME_AT_ZERO + 1_000_000_000L);
        }
        assertThatThrownBy(() -> SimCameras.driver(Map.of("latchJitterNs", -1), nanos::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("latchJitterNs");
    }
}
