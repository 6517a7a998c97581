package org.syncscope.camera.ic4.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syncscope.api.camera.Camera;
import org.syncscope.api.camera.CameraInfo;
import org.syncscope.api.camera.CameraPtpState;
import org.syncscope.api.camera.PtpNode;
import org.syncscope.camera.ic4.testing.Ic4Double;

/**
 * The IC4 binding against a C test double of IC4's library, compiled during the build and loaded by
 * JNA as the SDK would be: every call path, struct, string buffer, error path and reference count.
 * No real IC4 library or camera takes part.
 */
class Ic4DriverTest {

    private static Ic4Double double_;
    private static Ic4 ic4;
    private static Ic4DoubleHooks hooks;
    private Ic4CameraDriver driver;

    @BeforeAll
    static void build() throws Exception {
        double_ = Ic4Double.build(Path.of("target", "ic4-double").toAbsolutePath());
        ic4 = Ic4.load(double_.library().toString());
        hooks = Ic4DoubleHooks.of(double_.library().toString());
    }

    @BeforeEach
    void cameras() throws Exception {
        double_.script(List.of(
                "05520125|DFK 33GR0234|enp3s0|sfnc|Slave|1759801914895727616|-",
                "05520126|DFK 33GR0234|enp3s0|gev|Master|1759801914896720640|-",
                "05520127|DMK 27AUR0135|usb0|none|-|0|-",
                "05520128|DFK 33GR0234|enp4s0|sfnc|Slave|0|failopen"));
        driver = new Ic4CameraDriver(ic4);
        hooks.ic4double_reset_call_log();
    }

    @AfterEach
    void nothingLeaks() {
        assertThat(hooks.ic4double_live_objects()).as("IC4 objects still referenced").isZero();
    }

    @Test
    void enumerationReadsEveryDeviceAndReleasesEverything() throws Exception {
        assertThat(driver.enumerate()).containsExactly(new CameraInfo("05520125", "DFK 33GR0234", "enp3s0"),
                new CameraInfo("05520126", "DFK 33GR0234", "enp3s0"), new CameraInfo("05520127", "DMK 27AUR0135", "usb0"),
                new CameraInfo("05520128", "DFK 33GR0234", "enp4s0"));
        String calls = hooks.ic4double_call_log();
        assertThat(calls).startsWith("ic4_devenum_create\nic4_devenum_update_device_list\nic4_devenum_get_device_count\n"
                + "ic4_devenum_get_devinfo\nic4_devinfo_get_devitf\nic4_devitf_unref\nic4_devinfo_unref\n");
        assertThat(calls).endsWith("ic4_devinfo_unref\nic4_devenum_unref\n");
    }

    @Test
    void ptpThroughTheSfncProperties() throws Exception {
        try (Camera c = driver.open("05520125")) {
            assertThat(c.info()).isEqualTo(new CameraInfo("05520125", "DFK 33GR0234", "enp3s0"));
            assertThat(c.ptpState()).as("before enabling").isEqualTo(CameraPtpState.DISABLED);
            assertThat(c.enablePtp()).isEqualTo(PtpNode.PTP_ENABLE);
            assertThat(c.readFeature("PtpEnable")).isEqualTo("true");
            assertThat(c.ptpState()).isEqualTo(CameraPtpState.SLAVE);
            assertThat(c.readFeature("DeviceModelName")).isEqualTo("DFK 33GR0234");
        }
        assertThat(hooks.ic4double_call_log()).contains("ic4_grabber_create\n",
                "ic4_grabber_device_open_by_identifier 05520125\n", "ic4_grabber_device_get_property_map\n",
                "ic4_propmap_get_value_bool PtpEnable\n", "ic4_propmap_set_value_bool PtpEnable\n",
                "ic4_propmap_get_value_string PtpStatus\n",
                "ic4_propmap_unref\nic4_grabber_device_close\nic4_grabber_unref\n");
    }

    @Test
    void olderNamesAndCamerasWithoutPtp() throws Exception {
        try (Camera gev = driver.open("05520126"); Camera none = driver.open("05520127")) {
            assertThat(gev.enablePtp()).isEqualTo(PtpNode.GEV_IEEE1588);
            assertThat(gev.ptpState()).isEqualTo(CameraPtpState.MASTER);
            assertThat(none.enablePtp()).isEqualTo(PtpNode.NOT_AVAILABLE);
            assertThat(none.ptpState()).isEqualTo(CameraPtpState.UNKNOWN);
        }
    }

    @Test
    void latchExecutesTheCommandAndReadsInt64() throws Exception {
        try (Camera c = driver.open("05520125")) {
            c.latchTimestamp();
            assertThat(c.latchedTimestampNanos()).isEqualTo(1_759_801_914_895_727_616L);
            assertThat(hooks.ic4double_call_log()).contains("ic4_propmap_execute_command TimestampLatch\n",
                    "ic4_propmap_get_value_int64 TimestampLatchValue\n");
            // firmware keeping the latch in 32 bits wraps around: reported, not used
            double_.script(List.of("05520125|DFK 33GR0234|enp3s0|sfnc|Slave|4294967000|-"));
            driver.enumerate();
            c.latchTimestamp();
            assertThatThrownBy(c::latchedTimestampNanos).hasMessageContaining("TimestampLatchValue went backwards "
                    + "(4294967000 after 1759801914895727616)");
        }
    }

    @Test
    void ic4ErrorsReachOurExceptions() throws Exception {
        assertThatThrownBy(() -> driver.open("NOPE"))
                .hasMessage("opening IC4 camera NOPE: IC4 error 16 (device not found): Device not found: NOPE");
        assertThatThrownBy(() -> driver.open("05520128")).hasMessage("opening IC4 camera 05520128: IC4 error 17 "
                + "(device error): Failed to open device: the camera does not answer (scripted)");
        try (Camera c = driver.open("05520125")) {
            assertThatThrownBy(() -> c.readFeature("ExposureAuto"))
                    .hasMessage("camera 05520125 ExposureAuto: IC4 error 101 (GenICam feature not found): Feature not found: ExposureAuto");
            assertThatThrownBy(() -> c.writeFeature("TimestampLatchValue", "5")).hasMessage("camera 05520125 writing "
                    + "TimestampLatchValue: IC4 error 106 (GenICam access denied): Property is read-only: TimestampLatchValue");
            assertThatThrownBy(() -> c.writeFeature("PtpEnable", "maybe"))
                    .hasMessage("camera 05520125 PtpEnable: 'maybe' is not a boolean (true/false)");
            assertThatThrownBy(() -> c.readFeature("TimestampLatch")).hasMessageContaining("is a command");
            c.close();
            assertThatThrownBy(c::ptpState).hasMessageContaining("camera 05520125 is closed");
        }
    }

    @Test
    void theLastErrorIsPerThread() throws Exception {
        try (Camera c = driver.open("05520125")) {
            Thread other = new Thread(() -> assertThatThrownBy(() -> driver.open("ELSEWHERE"))
                    .hasMessageContaining("Device not found: ELSEWHERE"));
            other.start();
            assertThatThrownBy(() -> c.readFeature("Gain")).hasMessageEndingWith("Feature not found: Gain");
            other.join();
        }
    }
}
