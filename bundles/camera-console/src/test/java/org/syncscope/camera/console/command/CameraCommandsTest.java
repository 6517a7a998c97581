package org.syncscope.camera.console.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.junit.jupiter.api.Test;
import org.syncscope.api.camera.Camera;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.camera.CameraDriverStatus;
import org.syncscope.api.camera.CameraException;
import org.syncscope.api.camera.CameraInfo;
import org.syncscope.api.camera.CameraPtpState;
import org.syncscope.api.camera.PtpNode;

/** The camera:* commands over a counting BundleContext: what they print, and that they release every service. */
class CameraCommandsTest {

    private final FakeBundleContext osgi = new FakeBundleContext()
            .register(CameraDriver.class, new OneCamera("sim", "A1"), Map.of("driver", "sim", "name", "a"))
            .register(CameraDriverStatus.class, status("sim", true, ""), Map.of("driver", "sim", "name", "a",
                    "service.factoryPid", "org.syncscope.camera.sim", "service.pid", "org.syncscope.camera.sim.x1",
                    "felix.fileinstall.filename", "file:/opt/s/etc/org.syncscope.camera.sim-a.cfg"))
            .register(CameraDriverStatus.class, status("sim", false,
                    "etc/org.syncscope.camera.sim-b.cfg: latchJitterNs = 'abc' is not a whole number"),
                    Map.of("driver", "sim", "name", "b", "service.factoryPid", "org.syncscope.camera.sim",
                            "felix.fileinstall.filename", "file:/opt/s/etc/org.syncscope.camera.sim-b.cfg"))
            .register(CameraDriverStatus.class, status("aravis", false, "cannot load libaravis-0.8.so.0"),
                    Map.of("driver", "aravis"));

    private String run(Action command, Object... fieldsAndValues) throws Exception {
        set(command, "context", osgi.context());
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            set(command, (String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        PrintStream before = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            command.execute();
        } finally {
            System.setOut(before);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Issue 17: the commands took services through the BundleContext and never released them. */
    @Test
    void everyCommandReleasesEveryServiceItGot() throws Exception {
        run(new ListCommand());
        run(new DriversCommand());
        run(new FeatureCommand(), "serial", "A1", "feature", "DeviceModelName");
        assertThat(osgi.gets.get()).isPositive();
        assertThat(osgi.ungets.get()).isEqualTo(osgi.gets.get());
    }

    @Test
    void driversListsEveryInstanceWithItsStateAndReason() throws Exception {
        assertThat(run(new DriversCommand()).lines().toList()).containsExactlyInAnyOrder(
                "sim      available: instance a (etc/org.syncscope.camera.sim-a.cfg), 1 camera",
                "sim      refused: instance b (etc/org.syncscope.camera.sim-b.cfg): "
                        + "etc/org.syncscope.camera.sim-b.cfg: latchJitterNs = 'abc' is not a whole number",
                "aravis   unavailable: cannot load libaravis-0.8.so.0");
    }

    @Test
    void listShowsTheCamerasAndTheRefusedInstances() throws Exception {
        String out = run(new ListCommand());
        assertThat(out).contains("sim      A1").contains("sim      (instance b (etc/org.syncscope.camera.sim-b.cfg) refused: "
                + "etc/org.syncscope.camera.sim-b.cfg: latchJitterNs = 'abc' is not a whole number)");
        assertThat(run(new FeatureCommand(), "serial", "A1", "feature", "DeviceModelName")).isEqualTo("DeviceModelName = M\n");
    }

    private static void set(Object target, String field, Object value) throws Exception {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }

    private static CameraDriverStatus status(String name, boolean available, String reason) {
        boolean sim = name.equals("sim") && available;
        if (sim) {
            return new StatusDriver(name, reason);
        }
        return new CameraDriverStatus() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean available() {
                return available;
            }

            @Override
            public String reason() {
                return reason;
            }
        };
    }

    /** A running simulated instance is its own status, as SimCameraDriver is. */
    private static final class StatusDriver extends OneCamera implements CameraDriverStatus {
        private final String reason;

        StatusDriver(String name, String reason) {
            super(name, "A1");
            this.reason = reason;
        }

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public String reason() {
            return reason;
        }
    }

    private static class OneCamera implements CameraDriver {
        private final String name;
        private final CameraInfo info;

        OneCamera(String name, String serial) {
            this.name = name;
            this.info = new CameraInfo(serial, "M", "eth0");
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<CameraInfo> enumerate() {
            return List.of(info);
        }

        @Override
        public Camera open(String serial) throws CameraException {
            return new Camera() {
                @Override
                public CameraInfo info() {
                    return info;
                }

                @Override
                public PtpNode enablePtp() {
                    return PtpNode.PTP_ENABLE;
                }

                @Override
                public CameraPtpState ptpState() {
                    return CameraPtpState.SLAVE;
                }

                @Override
                public void latchTimestamp() {
                }

                @Override
                public long latchedTimestampNanos() {
                    return 0;
                }

                @Override
                public String readFeature(String feature) {
                    return "M";
                }

                @Override
                public void writeFeature(String feature, String value) {
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
