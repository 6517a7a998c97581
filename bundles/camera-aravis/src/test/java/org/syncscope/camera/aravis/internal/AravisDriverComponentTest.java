package org.syncscope.camera.aravis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.camera.CameraDriverStatus;
import org.syncscope.testing.Configs;
import org.syncscope.testing.RegisteringContext;

/** The Aravis component's lifecycle: activate (loading on its own thread), a changed configuration, deactivate. */
class AravisDriverComponentTest {

    private static final String FILE = "org.syncscope.camera.aravis.cfg";
    private final RegisteringContext osgi = new RegisteringContext();

    private AravisDriverComponent activate(Map<String, Object> p) {
        return new AravisDriverComponent(Configs.of(AravisConfig.class, p), p, osgi.context());
    }

    @Test
    void activateRegistersTheStatusAtOnceAndTheDriverOnceLoaded() {
        AravisDriverComponent component = activate(Configs.fromFile(FILE));
        assertThat(osgi.up(CameraDriverStatus.class)).hasSize(1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(osgi.up(CameraDriver.class)).hasSize(1));
        assertThat(osgi.up(CameraDriverStatus.class).get(0).available()).isTrue();
        component.deactivate();
        assertThat(osgi.up(CameraDriver.class)).isEmpty();
        assertThat(osgi.up(CameraDriverStatus.class)).isEmpty();
    }

    /** No @Modified: SCR deactivates and activates again; a library that is not there is named. */
    @Test
    void aChangedConfigurationLoadsAgainAndSaysWhyItFailed() {
        AravisDriverComponent first = activate(Configs.fromFile(FILE));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(osgi.up(CameraDriver.class)).hasSize(1));
        first.deactivate();
        AravisDriverComponent again = activate(Configs.fromFile(FILE, "libraryPath", "/nonexistent/libaravis-0.8.so.0"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(osgi.up(CameraDriverStatus.class))
                .singleElement().satisfies(s -> {
                    assertThat(s.available()).isFalse();
                    assertThat(s.reason()).startsWith("cannot load /nonexistent/libaravis-0.8.so.0 (install Debian "
                            + "libaravis-0.8-0 or set libraryPath in etc/org.syncscope.camera.aravis.cfg)");
                }));
        assertThat(osgi.up(CameraDriver.class)).isEmpty();
        again.deactivate();
        assertThat(osgi.up(CameraDriverStatus.class)).isEmpty();
    }
}
