package org.syncscope.camera.genicam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.syncscope.api.camera.CameraException;
import org.syncscope.api.camera.CameraInfo;
import org.syncscope.api.camera.CameraPtpState;
import org.syncscope.api.camera.PtpNode;

class GenicamCameraTest {

    /** A camera whose features are a map; writes are logged. */
    private static final class MapCamera extends GenicamCamera {
        final Map<String, String> features = new HashMap<>();
        final List<String> writes = new ArrayList<>();

        @Override
        public CameraInfo info() {
            return new CameraInfo("M1", "Model", "eth0");
        }

        @Override
        protected boolean hasFeature(String name) {
            return features.containsKey(name);
        }

        @Override
        public String readFeature(String name) throws CameraException {
            String v = features.get(name);
            if (v == null) {
                throw new CameraException("no " + name);
            }
            return v;
        }

        @Override
        public void writeFeature(String name, String value) {
            writes.add(name + "=" + value);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void sfncNamesComeFirst() throws Exception {
        MapCamera c = new MapCamera();
        c.features.putAll(Map.of("PtpEnable", "false", "PtpStatus", "Slave", "GevIEEE1588", "false",
                "GevIEEE1588Status", "Master", "TimestampLatch", "", "TimestampLatchValue", "42",
                "GevTimestampControlLatch", "", "GevTimestampValue", "7"));
        assertThat(c.enablePtp()).isEqualTo(PtpNode.PTP_ENABLE);
        assertThat(c.ptpState()).isEqualTo(CameraPtpState.SLAVE);
        c.latchTimestamp();
        assertThat(c.latchedTimestampNanos()).isEqualTo(42);
        assertThat(c.writes).containsExactly("PtpEnable=true", "TimestampLatch=");
    }

    @Test
    void gigEVisionTicksAreConvertedWithTheTickFrequency() throws Exception {
        MapCamera c = new MapCamera();
        c.features.putAll(Map.of("GevIEEE1588Status", "PreMaster", "GevTimestampControlLatch", "",
                "GevTimestampValue", "125000000", "GevTimestampTickFrequency", "125000000"));
        assertThat(c.enablePtp()).isEqualTo(PtpNode.NOT_AVAILABLE);
        assertThat(c.ptpState()).isEqualTo(CameraPtpState.PRE_MASTER);
        c.latchTimestamp();
        assertThat(c.writes).containsExactly("GevTimestampControlLatch=");
        assertThat(c.latchedTimestampNanos()).as("125 M ticks at 125 MHz").isEqualTo(1_000_000_000L);
        assertThat(GenicamCamera.ticksToNanos("x", 1_759_801_914_897_358_848L / 8, 125_000_000L))
                .isEqualTo(1_759_801_914_897_358_848L / 8 * 8);
        assertThat(GenicamCamera.ticksToNanos("x", 3, 3_000_000_000L)).isEqualTo(1);
        assertThatThrownBy(() -> GenicamCamera.ticksToNanos("x", 1, 0)).hasMessageContaining("GevTimestampTickFrequency 0");
        assertThatThrownBy(() -> GenicamCamera.ticksToNanos("x", Long.MAX_VALUE, 1)).hasMessageContaining("does not fit");
    }

    @Test
    void unknownEntriesAndMissingNodes() throws Exception {
        MapCamera c = new MapCamera();
        c.features.put("PtpStatus", "Calibrating");
        assertThat(c.ptpState()).isEqualTo(CameraPtpState.UNKNOWN);
        assertThatThrownBy(c::latchedTimestampNanos).hasMessage("camera M1 has neither TimestampLatchValue nor GevTimestampValue");
        c.features.put("TimestampLatchValue", "soon");
        assertThatThrownBy(c::latchedTimestampNanos).hasMessage("camera M1 TimestampLatchValue 'soon' is not an integer");
    }
}
