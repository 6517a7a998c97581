package org.syncscope.camera.aravis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.syncscope.api.camera.Camera;
import org.syncscope.api.camera.CameraInfo;
import org.syncscope.api.camera.CameraPtpState;
import org.syncscope.api.camera.PtpNode;
import org.syncscope.camera.aravis.testing.FakeGigECameras;

/** The Aravis driver against Aravis's fake GigE Vision cameras, scripted with arv-tool-0.8. */
class AravisDriverTest {

    private static FakeGigECameras fakes;
    private static AravisCameraDriver driver;

    @BeforeAll
    static void start() throws Exception {
        fakes = FakeGigECameras.start();
        driver = new AravisCameraDriver(Aravis.load("libaravis-0.8.so.0", "libgobject-2.0.so.0", "libglib-2.0.so.0"));
    }

    @AfterAll
    static void stop() {
        if (fakes != null) {
            fakes.close();
        }
    }

    @Test
    void discoveryStillWorksAfterJnaClosedAndReopenedAravis() throws Exception {
        // In a JVM of its own: closing Aravis here would pull it from under this class's driver.
        Path log = Files.createTempFile("aravis-reload", ".txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AravisReloadCheck.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = p.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        assertThat(finished).as("the second discovery returned (it hung in g_once_init_enter when Aravis was "
                + "unloaded and loaded again); output so far:%n%s", out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).as("Aravis is never unloaded").contains("mapped=true");
        int n = FakeGigECameras.CAMERAS.size();
        assertThat(out).as("both discoveries see the fakes").containsPattern("devices=(\\d+),\\1\\b")
                .matches(o -> Integer.parseInt(o.replaceAll("(?s).*devices=(\\d+),.*", "$1")) >= n, "at least " + n);
    }

    @Test
    void enumerationFindsTheFakes() {
        List<CameraInfo> found = driver.enumerate();
        for (FakeGigECameras.Fake f : FakeGigECameras.CAMERAS) {
            assertThat(found).as("found " + found).anySatisfy(i -> {
                assertThat(i.serial()).isEqualTo(f.serial());
                assertThat(i.interfaceName()).isEqualTo(f.address());
                assertThat(i.model()).isNotEmpty();
            });
        }
    }

    @Test
    void enableWritesTheRegisterAndStatusIsReadByName() throws Exception {
        fakes.control("ARV-SFNC-1", "PtpEnable=false", "PtpStatus=Slave");
        fakes.control("ARV-SFNC-2", "PtpStatus=Master");
        try (Camera one = driver.open("ARV-SFNC-1"); Camera two = driver.open("ARV-SFNC-2")) {
            assertThat(one.info().serial()).isEqualTo("ARV-SFNC-1");
            assertThat(one.enablePtp()).isEqualTo(PtpNode.PTP_ENABLE);
            assertThat(one.readFeature("PtpEnable")).isEqualTo("true");
            assertThat(one.ptpState()).isEqualTo(CameraPtpState.SLAVE);
            assertThat(two.ptpState()).isEqualTo(CameraPtpState.MASTER);
        }
        // read back by another client once ours is closed
        assertThat(fakes.control("ARV-SFNC-1", "PtpEnable", "PtpEnableRegister")).contains("PtpEnable = true")
                .contains("PtpEnableRegister = 1");
    }

    @Test
    void latchAndSixtyFourBitValue() throws Exception {
        fakes.control("ARV-SFNC-2", "TimestampLatchValue=1759801914897358848", "TimestampLatchRegister=0");
        try (Camera c = driver.open("ARV-SFNC-2")) {
            c.latchTimestamp();
            assertThat(c.latchedTimestampNanos()).isEqualTo(1_759_801_914_897_358_848L);
        }
        assertThat(fakes.control("ARV-SFNC-2", "TimestampLatchRegister")).contains("TimestampLatchRegister = 1");
    }

    @Test
    void olderGigEVisionNamesAndBootstrapTimestamp() throws Exception {
        fakes.control("ARV-GEV-3", "GevIEEE1588=false", "GevIEEE1588Status=Listening",
                "GevTimestampValue=1759801914895727616", "GevTimestampControlRegister=0");
        try (Camera c = driver.open("ARV-GEV-3")) {
            assertThat(c.enablePtp()).isEqualTo(PtpNode.GEV_IEEE1588);
            assertThat(c.ptpState()).isEqualTo(CameraPtpState.LISTENING);
            assertThat(c.readFeature("GevTimestampTickFrequency")).isEqualTo("1000000000");
            c.latchTimestamp();
            assertThat(c.latchedTimestampNanos()).isEqualTo(1_759_801_914_895_727_616L);
            assertThatThrownBy(() -> c.writeFeature("GevTimestampTickFrequency", "1"))
                    .hasMessage("camera ARV-GEV-3 feature GevTimestampTickFrequency is read-only");
        }
        assertThat(fakes.control("ARV-GEV-3", "GevIEEE1588", "GevTimestampControlRegister"))
                .contains("GevIEEE1588 = true").contains("GevTimestampControlRegister = 2");
    }

    @Test
    void aCameraWithoutPtpNodesIsNotAvailable() throws Exception {
        try (Camera c = driver.open("ARV-NOPTP-4")) {
            assertThat(c.enablePtp()).isEqualTo(PtpNode.NOT_AVAILABLE);
            assertThat(c.ptpState()).isEqualTo(CameraPtpState.UNKNOWN);
            assertThatThrownBy(c::latchTimestamp).hasMessage("camera ARV-NOPTP-4 has neither TimestampLatch nor "
                    + "GevTimestampControlLatch");
        }
    }

    @Test
    void openByAddressAndClearErrors() throws Exception {
        try (Camera c = driver.open("127.0.0.3")) {
            assertThat(c.info().serial()).isEqualTo("ARV-SFNC-2");
            assertThatThrownBy(() -> c.readFeature("NoSuchFeature")).hasMessage("camera ARV-SFNC-2 has no feature NoSuchFeature");
            assertThatThrownBy(() -> c.writeFeature("PtpEnable", "maybe"))
                    .hasMessage("camera ARV-SFNC-2 PtpEnable: 'maybe' is not a boolean (true/false)");
            assertThatThrownBy(() -> c.writeFeature("TimestampLatchValue", "12x"))
                    .hasMessage("camera ARV-SFNC-2 TimestampLatchValue: '12x' is not an integer");
            assertThatThrownBy(() -> c.writeFeature("PtpStatus", "Sleeping"))
                    .hasMessageStartingWith("camera ARV-SFNC-2 writing PtpStatus: ");
            assertThatThrownBy(() -> c.readFeature("TimestampLatch")).hasMessageContaining("is a command");
        }
        assertThatThrownBy(() -> driver.open("NOPE")).hasMessageStartingWith("no Aravis camera has serial or address NOPE");
    }

    /**
     * Closing drops our ArvCamera reference, which releases the control channel: only then do
     * another client's writes take effect (the fake ignores them while a controller holds it).
     */
    @Test
    void closeReleasesTheCamera() throws Exception {
        AravisCamera c = (AravisCamera) driver.open("ARV-SFNC-1");
        fakes.control("ARV-SFNC-1", "PtpStatus=Listening");
        assertThat(c.ptpState()).as("write ignored while we hold the camera").isNotEqualTo(CameraPtpState.LISTENING);
        c.close();
        assertThat(c.released()).isTrue();
        assertThatThrownBy(c::ptpState).hasMessageContaining("camera ARV-SFNC-1 is closed");
        fakes.control("ARV-SFNC-1", "PtpStatus=Listening");
        try (Camera again = driver.open("ARV-SFNC-1")) {
            assertThat(again.ptpState()).isEqualTo(CameraPtpState.LISTENING);
        }
    }

    @Test
    void callsOnOneCameraAreSerialised() throws Exception {
        fakes.control("ARV-SFNC-2", "PtpStatus=Slave");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Camera c = driver.open("ARV-SFNC-2")) {
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        assertThat(c.ptpState()).isEqualTo(CameraPtpState.SLAVE);
                        assertThat(c.readFeature("PtpEnable")).isIn("true", "false");
                    }
                    return null;
                }));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
