package org.syncscope.camera.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.camera.CameraInfo;
import org.syncscope.testing.Configs;

/** The simulated-camera instance's DS lifecycle: activate, modified (rebuild, bad value), deactivate. */
class SimCameraDriverLifecycleTest {

    private static final String FILE = "org.syncscope.camera.sim-lab.cfg";

    /** The CameraDriver services registered: their properties, null once unregistered. */
    private final List<Dictionary<String, ?>[]> registered = new ArrayList<>();

    @SuppressWarnings("unchecked")
    private final BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {BundleContext.class}, (proxy, m, args) -> {
                if (!m.getName().equals("registerService")) {
                    throw new UnsupportedOperationException(m.getName());
                }
                assertThat(args[0]).isEqualTo(CameraDriver.class);
                Dictionary<String, ?>[] props = new Dictionary[] {(Dictionary<String, ?>) args[2]};
                registered.add(props);
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class},
                        (p, rm, rargs) -> {
                            switch (rm.getName()) {
                                case "setProperties" -> props[0] = (Dictionary<String, ?>) rargs[0];
                                case "unregister" -> props[0] = null;
                                default -> throw new UnsupportedOperationException(rm.getName());
                            }
                            return null;
                        });
            });

    private static Map<String, Object> props(Object... keysAndValues) {
        Map<String, Object> p = Configs.fromFile(FILE, keysAndValues);
        p.put("service.factoryPid", SimCameraConfig.PID);
        return p;
    }

    private SimCameraDriver activate(Map<String, Object> p) {
        return new SimCameraDriver(Configs.of(SimCameraConfig.class, p), p, context);
    }

    @Test
    void activateRegistersTheDriverWithItsConfigurationAndDeactivateWithdrawsIt() throws Exception {
        SimCameraDriver d = activate(props("name", "lab", "cameras", new String[] {"L1", "L2"}));
        assertThat(d.available()).isTrue();
        assertThat(d.reason()).isEmpty();
        assertThat(registered).hasSize(1);
        assertThat(registered.get(0)[0].get("name")).isEqualTo("lab");
        assertThat(registered.get(0)[0].get(CameraDriver.DRIVER)).isEqualTo("sim");
        assertThat(d.enumerate()).extracting(CameraInfo::serial).containsExactly("L1", "L2");
        d.deactivate();
        assertThat(registered.get(0)[0]).isNull();
        assertThat(d.available()).isFalse();
    }

    @Test
    void modifiedRebuildsTheCamerasAndUpdatesTheServiceProperties() throws Exception {
        SimCameraDriver d = activate(props("name", "lab", "cameras", new String[] {"L1"}));
        Map<String, Object> next = props("name", "lab2", "cameras", new String[] {"M1", "M2", "M3"});
        d.modified(Configs.of(SimCameraConfig.class, next), next);
        assertThat(d.enumerate()).extracting(CameraInfo::serial).containsExactly("M1", "M2", "M3");
        assertThat(registered).as("the same registration, new properties").hasSize(1);
        assertThat(registered.get(0)[0].get("name")).isEqualTo("lab2");
    }

    @Test
    void aNonNumericValueIsRefusedWithoutThrowingAndListedWithItsReason() {
        SimCameraDriver d = activate(props("name", "lab", "latchJitterNs", "abc"));
        assertThat(d.available()).isFalse();
        assertThat(d.reason()).isEqualTo("etc/" + FILE + ": latchJitterNs = 'abc' is not a whole number");
        assertThat(registered).as("no CameraDriver for a refused configuration").isEmpty();
        Map<String, Object> fixed = props("name", "lab");
        d.modified(Configs.of(SimCameraConfig.class, fixed), fixed);
        assertThat(d.available()).isTrue();
        assertThat(registered).hasSize(1);
    }

    @Test
    void aBadEditKeepsThePreviousCameras() throws Exception {
        SimCameraDriver d = activate(props("name", "lab", "cameras", new String[] {"L1"}));
        Map<String, Object> bad = props("name", "lab", "cameras", new String[] {"L1", "L1"});
        d.modified(Configs.of(SimCameraConfig.class, bad), bad);
        assertThat(d.available()).isTrue();
        assertThat(d.enumerate()).extracting(CameraInfo::serial).containsExactly("L1");
        assertThat(d.reason()).isEqualTo("change refused, previous settings stay: etc/" + FILE
                + ": cameras: serial L1 is listed twice");
    }
}
