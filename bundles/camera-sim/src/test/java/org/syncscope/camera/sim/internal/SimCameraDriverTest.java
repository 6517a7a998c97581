package org.syncscope.camera.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.syncscope.api.camera.Camera;
import org.syncscope.api.camera.CameraInfo;
import org.syncscope.api.camera.CameraPtpState;
import org.syncscope.api.camera.PtpNode;
import org.syncscope.testing.Configs;

class SimCameraDriverTest {

    private final ManualClock clock = new ManualClock();

    private SimCameraDriver driver(Map<String, Object> values) {
        return new SimCameraDriver(Configs.of(SimCameraConfig.class, values), clock);
    }

    @Test
    void enumeratesTheConfiguredCameras() {
        SimCameraDriver d = driver(Map.of("cameras", new String[] {"A1, A2", "A3"}, "model", "M", "interfaceName", "eth9"));
        assertThat(d.enumerate()).containsExactly(new CameraInfo("A1", "M", "eth9"), new CameraInfo("A2", "M", "eth9"),
                new CameraInfo("A3", "M", "eth9"));
        assertThatThrownBy(() -> d.open("B1")).hasMessageContaining("no simulated camera has serial B1");
    }

    @Test
    void ptpGoesDisabledListeningUncalibratedSlave() throws Exception {
        SimCameraDriver d = driver(Map.of("cameras", new String[] {"A1"}, "convergenceSeconds", 2.0));
        try (Camera c = d.open("A1")) {
            assertThat(c.ptpState()).isEqualTo(CameraPtpState.DISABLED);
            assertThat(c.enablePtp()).isEqualTo(PtpNode.PTP_ENABLE);
            assertThat(c.readFeature("PtpEnable")).isEqualTo("true");
            assertThat(c.ptpState()).isEqualTo(CameraPtpState.LISTENING);
            clock.advanceMillis(1000);
            assertThat(c.ptpState()).isEqualTo(CameraPtpState.UNCALIBRATED);
            clock.advanceMillis(1000);
            assertThat(c.ptpState()).isEqualTo(CameraPtpState.SLAVE);
        }
        try (Camera again = d.open("A1")) {
            assertThat(again.ptpState()).as("the device keeps its state between opens").isEqualTo(CameraPtpState.SLAVE);
        }
    }

    @Test
    void lockedClockIsTrueTimePlusOffsetPlusDrift() throws Exception {
        SimCameraDriver d = driver(Map.of("cameras", new String[] {"A1", "A2"}, "offsetsNs", new String[] {"-1631232"},
                "driftPpb", new String[] {"0", "1000"}, "convergenceSeconds", 0.0));
        Camera a1 = d.open("A1");
        Camera a2 = d.open("A2");
        a1.latchTimestamp();
        assertThat(a1.latchedTimestampNanos()).as("free running before PTP: ns since power-on")
                .isBetween(0L, 1_000_000_000_000L);
        a1.enablePtp();
        a2.enablePtp();
        clock.advanceMillis(10_000);
        a1.latchTimestamp();
        a2.latchTimestamp();
        assertThat(a1.latchedTimestampNanos()).isEqualTo(clock.trueTime - 1_631_232);
        assertThat(a2.latchedTimestampNanos()).as("1000 ppb over 10 s").isEqualTo(clock.trueTime + 10_000);
    }

    @Test
    void faults() throws Exception {
        SimCameraDriver d = driver(Map.of("cameras", new String[] {"M", "S", "N", "G"}, "convergenceSeconds", 0.0,
                "masters", new String[] {"M"}, "stuckListening", new String[] {"S"}, "noPtpNode", new String[] {"N"},
                "gevNames", new String[] {"G"}));
        Camera m = d.open("M");
        Camera s = d.open("S");
        Camera n = d.open("N");
        Camera g = d.open("G");
        assertThat(m.enablePtp()).isEqualTo(PtpNode.PTP_ENABLE);
        assertThat(s.enablePtp()).isEqualTo(PtpNode.PTP_ENABLE);
        assertThat(n.enablePtp()).isEqualTo(PtpNode.NOT_AVAILABLE);
        assertThat(g.enablePtp()).isEqualTo(PtpNode.GEV_IEEE1588);
        clock.advanceMillis(60_000);
        assertThat(m.ptpState()).isEqualTo(CameraPtpState.MASTER);
        assertThat(s.ptpState()).isEqualTo(CameraPtpState.LISTENING);
        assertThat(n.ptpState()).isEqualTo(CameraPtpState.UNKNOWN);
        assertThat(g.ptpState()).isEqualTo(CameraPtpState.SLAVE);
        assertThat(g.readFeature("GevIEEE1588Status")).isEqualTo("Slave");
        g.latchTimestamp();
        assertThat(g.latchedTimestampNanos()).isEqualTo(clock.trueTime);
        assertThatThrownBy(() -> n.readFeature("PtpStatus")).hasMessage("camera N has no feature PtpStatus");
    }

    @Test
    void featureWritesAreCheckedAndClosedHandlesRefuse() throws Exception {
        SimCameraDriver d = driver(Map.of("cameras", new String[] {"A1"}));
        Camera c = d.open("A1");
        assertThatThrownBy(() -> c.writeFeature("PtpEnable", "maybe")).hasMessage("camera A1 PtpEnable: 'maybe' is not a boolean");
        assertThatThrownBy(() -> c.writeFeature("PtpStatus", "Master")).hasMessage("camera A1 feature PtpStatus is read-only");
        c.close();
        assertThatThrownBy(c::ptpState).hasMessageContaining("camera A1 is closed");
    }

    @Test
    void badConfigurationIsNamed() {
        assertThatThrownBy(() -> driver(Map.of("cameras", new String[] {"A1", "A1"}))).hasMessage("cameras: serial A1 is listed twice");
        assertThatThrownBy(() -> driver(Map.of("cameras", new String[] {"A 1"}))).hasMessageContaining("serial 'A 1'");
        assertThatThrownBy(() -> driver(Map.of("cameras", new String[] {"A1"}, "offsetsNs", new String[] {"1ms"})))
                .hasMessage("offsetsNs entry 1 '1ms' is not an integer");
        assertThatThrownBy(() -> driver(Map.of("cameras", new String[] {"A1"}, "offsetsNs", new String[] {"1", "2"})))
                .hasMessage("offsetsNs has 2 entries for 1 cameras");
        assertThatThrownBy(() -> driver(Map.of("cameras", new String[] {"A1"}, "masters", new String[] {"B"})))
                .hasMessage("masters: B is not one of the cameras [A1]");
    }
}
