package org.syncscope.camera.ic4.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syncscope.api.camera.Camera;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.camera.CameraDriverStatus;
import org.syncscope.camera.ic4.testing.Ic4Double;
import org.syncscope.testing.Configs;
import org.syncscope.testing.RegisteringContext;

/**
 * The IC4 driver's lifecycle against the C test double: the component's activate / reload /
 * deactivate, and the library exit only after every open camera is closed.
 */
class Ic4DriverLifecycleTest {

    private static final String FILE = "org.syncscope.camera.ic4.cfg";
    private static Ic4Double double_;
    private static Ic4 ic4;
    private static Ic4DoubleHooks hooks;
    private final RegisteringContext osgi = new RegisteringContext();

    @BeforeAll
    static void build() throws Exception {
        double_ = Ic4Double.build(Path.of("target", "ic4-double").toAbsolutePath());
        ic4 = Ic4.load(double_.library().toString());
        hooks = Ic4DoubleHooks.of(double_.library().toString());
    }

    @BeforeEach
    void cameras() throws Exception {
        double_.script(List.of("05520125|DFK 33GR0234|enp3s0|sfnc|Slave|1759801914895727616|-",
                "05520126|DFK 33GR0234|enp3s0|gev|Master|1759801914896720640|-"));
        hooks.ic4double_reset_call_log();
    }

    @AfterEach
    void initialisedAgainAndNothingLeaks() {
        ic4.lib.ic4_init_library(new Ic4Library.InitConfig());   // the tests exit the library; the next needs it
        assertThat(hooks.ic4double_live_objects()).as("IC4 objects still referenced").isZero();
    }

    private Ic4DriverComponent activate(Map<String, Object> p) {
        return new Ic4DriverComponent(Configs.of(Ic4Config.class, p), p, osgi.context());
    }

    /** Issue 17: ic4_exit_library ran while cameras were still open. */
    @Test
    void closingTheDriverClosesOpenCamerasBeforeTheLibraryExit() throws Exception {
        Ic4CameraDriver driver = new Ic4CameraDriver(ic4);
        Camera a = driver.open("05520125");
        Camera b = driver.open("05520126");
        a.enablePtp();
        driver.close();
        String calls = hooks.ic4double_call_log();
        assertThat(calls).contains("ic4_exit_library");
        String beforeExit = calls.substring(0, calls.indexOf("ic4_exit_library"));
        assertThat(beforeExit.split("ic4_grabber_device_close\n", -1)).as("both cameras closed before the exit").hasSize(3);
        assertThat(beforeExit.split("ic4_grabber_unref\n", -1)).as("both grabbers released before the exit").hasSize(3);
        assertThat(calls.substring(calls.indexOf("ic4_exit_library"))).as("no IC4 call after the exit")
                .isEqualTo("ic4_exit_library\n");
        assertThatThrownBy(a::ptpState).hasMessageContaining("is closed");
        b.close();   // closing again is harmless and calls nothing
        assertThatThrownBy(() -> driver.open("05520125")).hasMessage("the IC4 camera driver is stopped");
        assertThatThrownBy(driver::enumerate).hasMessage("the IC4 camera driver is stopped");
        assertThat(hooks.ic4double_call_log()).isEqualTo(calls);
    }

    @Test
    void aCameraBusyPastTheDeadlineLeavesTheLibraryInitialised() throws Exception {
        Ic4CameraDriver driver = new Ic4CameraDriver(ic4, 300);
        Camera busy = driver.open("05520125");
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread user = new Thread(() -> {
            synchronized (busy) {   // what a camera call in progress holds
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        user.start();
        holding.await();
        assertTimeoutPreemptively(Duration.ofSeconds(5), driver::close);
        assertThat(hooks.ic4double_call_log()).doesNotContain("ic4_exit_library");
        release.countDown();
        user.join(5000);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(hooks.ic4double_live_objects()).isZero());
    }

    @Test
    void activateLoadsOnItsOwnThreadAndDeactivateExitsTheLibrary() {
        Ic4DriverComponent component = activate(Configs.fromFile(FILE, "libraryPath", double_.library().toString()));
        assertThat(osgi.up(CameraDriverStatus.class)).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(osgi.up(CameraDriver.class)).hasSize(1));
        assertThat(osgi.up(CameraDriverStatus.class).get(0).available()).isTrue();
        component.deactivate();
        assertThat(osgi.up(CameraDriver.class)).isEmpty();
        assertThat(osgi.up(CameraDriverStatus.class)).isEmpty();
        assertThat(hooks.ic4double_call_log()).contains("ic4_exit_library");
    }

    /**
     * Deactivate does not wait the driver's whole close for a camera busy in a native call (a
     * GigE device that does not answer): it returns within about a second, and the next
     * activation loads only once that close ended, so no late library exit hits it.
     */
    @Test
    void deactivateWithABusyCameraReturnsPromptlyAndTheNextLoadWaitsForTheClose() throws Exception {
        Ic4DriverComponent first = activate(Configs.fromFile(FILE, "libraryPath", double_.library().toString()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(osgi.up(CameraDriver.class)).hasSize(1));
        Camera busy = osgi.up(CameraDriver.class).get(0).open("05520125");
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread user = new Thread(() -> {
            synchronized (busy) {   // what a camera call in progress holds
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        user.start();
        holding.await();
        try {
            long start = System.nanoTime();
            first.deactivate();
            // generous: the wait is about 1 s; before, deactivate waited the driver's whole 3 s close
            assertThat((System.nanoTime() - start) / 1_000_000L).isLessThan(2_500);
            assertThat(osgi.up(CameraDriver.class)).as("withdrawn at once").isEmpty();

            Ic4DriverComponent again = activate(Configs.fromFile(FILE, "libraryPath", double_.library().toString()));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(osgi.up(CameraDriver.class)).hasSize(1));
            String calls = hooks.ic4double_call_log();
            assertThat(calls).as("the busy camera kept the library initialised").doesNotContain("ic4_exit_library");
            release.countDown();
            user.join(5000);
            again.deactivate();
            assertThat(hooks.ic4double_call_log()).contains("ic4_exit_library");
        } finally {
            release.countDown();
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(hooks.ic4double_live_objects()).isZero());
    }

    /** No @Modified: SCR deactivates and activates again with the new configuration. */
    @Test
    void aChangedConfigurationLoadsAgain() {
        Ic4DriverComponent first = activate(Configs.fromFile(FILE, "libraryPath", double_.library().toString()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(osgi.up(CameraDriver.class)).hasSize(1));
        first.deactivate();
        Ic4DriverComponent again = activate(Configs.fromFile(FILE, "libraryPath", "/nonexistent/libic4core.so"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(osgi.up(CameraDriverStatus.class))
                .singleElement().satisfies(s -> assertThat(s.reason()).startsWith("cannot load /nonexistent/libic4core.so")));
        assertThat(osgi.up(CameraDriver.class)).isEmpty();
        again.deactivate();
        assertThat(osgi.up(CameraDriverStatus.class)).isEmpty();
    }
}
