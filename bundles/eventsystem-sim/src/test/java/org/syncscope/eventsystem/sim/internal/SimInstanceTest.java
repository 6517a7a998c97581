package org.syncscope.eventsystem.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.syncscope.api.eventsystem.EventSystemDriver;
import org.syncscope.eventsystem.sim.SimState;
import org.syncscope.testing.Configs;

/** The factory component as SCR drives it: activate, modified (a rebuild, a bad value), deactivate. */
class SimInstanceTest {

    private static final String FILE = "org.syncscope.eventsystem.sim-demo.cfg";

    /** What was registered, and whether it is still. */
    record Registered(Object service, Dictionary<String, ?> properties, AtomicInteger unregistered) {
        boolean live() {
            return unregistered.get() == 0;
        }
    }

    private final List<Registered> registered = new CopyOnWriteArrayList<>();
    private final List<SimInstance> instances = new CopyOnWriteArrayList<>();
    private final SimInstances registry = new SimInstances();
    private final BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                if (!method.getName().equals("registerService")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                Registered r = new Registered(args[1], (Dictionary<String, ?>) args[2], new AtomicInteger());
                registered.add(r);
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class},
                        (p, m, a) -> {
                            if (m.getName().equals("unregister")) {
                                r.unregistered.incrementAndGet();
                                return null;
                            }
                            throw new UnsupportedOperationException(m.getName());
                        });
            });

    private SimInstance activate(Map<String, Object> properties) {
        SimInstance i = new SimInstance(context, Configs.of(SimConfig.class, properties), properties, registry);
        instances.add(i);
        return i;
    }

    @AfterEach
    void deactivate() {
        instances.forEach(SimInstance::deactivate);
    }

    private static Map<String, Object> demo(Object... more) {
        Map<String, Object> p = Configs.fromFile(FILE, "name", "demo", "resetPeriodSeconds", "0.05");
        for (int i = 0; i < more.length; i += 2) {
            p.put((String) more[i], more[i + 1]);
        }
        return p;
    }

    @Test
    void anAcceptedConfigurationRegistersADriverNamedForTargetFilters() throws Exception {
        SimInstance i = activate(demo());
        assertThat(registered).hasSize(1);
        assertThat(registered.get(0).service()).isInstanceOf(EventSystemDriver.class);
        assertThat(registered.get(0).properties().get("driver")).isEqualTo("sim");
        assertThat(registered.get(0).properties().get("name")).isEqualTo("demo");
        assertThat(i.state()).startsWith("running: ");
        assertThat(i.origin()).isEqualTo("etc/" + FILE);

        EventSystemDriver d = (EventSystemDriver) registered.get(0).service();
        AtomicInteger syncs = new AtomicInteger();
        d.registerEventHandler((n, t) -> syncs.incrementAndGet());
        d.init();
        await().atMost(Duration.ofSeconds(10)).until(() -> syncs.get() >= 2);
    }

    @Test
    void aValidChangeReplacesTheDriverAndStopsTheOldOne() throws Exception {
        SimInstance i = activate(demo());
        SimEventSystem old = i.driver();
        i.modified(Configs.of(SimConfig.class, demo("clockRateHz", "2000")), demo("clockRateHz", "2000"));
        assertThat(registered).hasSize(2);
        assertThat(registered.get(0).live()).as("the old driver is withdrawn").isFalse();
        assertThat(registered.get(1).live()).isTrue();
        assertThat(i.driver()).isNotSameAs(old);
        assertThat(i.state()).contains("2000 Hz");
        assertThat(((EventSystemDriver) registered.get(1).service()).clockRateHz())
                .as("the driver reports the rate it counts at").isEqualTo(2000);
        assertThatCode(old::init).as("a stopped simulation schedules nothing").isInstanceOf(Exception.class);
    }

    @Test
    void aBadEditKeepsThePreviousSettingsAndSaysSo() {
        SimInstance i = activate(demo());
        Map<String, Object> bad = demo("clockRateHz", "abc");
        assertThatCode(() -> i.modified(Configs.of(SimConfig.class, bad), bad)).doesNotThrowAnyException();
        assertThat(i.state()).isEqualTo("change refused, previous settings stay: etc/" + FILE
                + ": clockRateHz = 'abc' is not a whole number");
        assertThat(registered).hasSize(1);
        assertThat(registered.get(0).live()).as("the running simulation stays").isTrue();

        Map<String, Object> outOfRange = demo("syncEvent", "300");
        i.modified(Configs.of(SimConfig.class, outOfRange), outOfRange);
        assertThat(i.state()).contains("etc/" + FILE).contains("syncEvent: 300");
    }

    @Test
    void aRefusedConfigurationIsListedWithItsReasonAndRegistersNothing() {
        Map<String, Object> bad = demo("resetPeriodSeconds", "soon");
        SimInstance refused = assertThatNoThrow(() -> activate(bad));
        SimInstance good = activate(Configs.fromFile("org.syncscope.eventsystem.sim-b.cfg", "name", "b"));
        assertThat(refused.state()).isEqualTo("refused: etc/" + FILE + ": resetPeriodSeconds = 'soon' is not a number");
        assertThat(registered).hasSize(1);
        assertThat(registry.all()).containsExactly(
                new SimState("etc/org.syncscope.eventsystem.sim-b.cfg", "b", good.state()),
                new SimState("etc/" + FILE, "?", "refused: etc/" + FILE + ": resetPeriodSeconds = 'soon' is not a number"));
        assertThat(good.state()).startsWith("running: ");
    }

    @Test
    void theRegistryFollowsEachInstanceThroughEditsAndDeactivation() {
        SimInstance i = activate(demo());
        assertThat(registry.all()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("demo");
            assertThat(s.state()).startsWith("running: 1000 Hz ticks");
        });
        Map<String, Object> bad = demo("clockRateHz", "abc");
        i.modified(Configs.of(SimConfig.class, bad), bad);
        assertThat(registry.all()).singleElement().satisfies(s -> {
            assertThat(s.name()).as("the running simulation keeps its name").isEqualTo("demo");
            assertThat(s.state()).startsWith("change refused, previous settings stay: ");
        });
        Map<String, Object> faster = demo("clockRateHz", "2000");
        i.modified(Configs.of(SimConfig.class, faster), faster);
        assertThat(registry.all()).singleElement().satisfies(s -> assertThat(s.state()).startsWith("running: 2000 Hz"));

        i.deactivate();
        instances.remove(i);
        assertThat(registry.all()).isEmpty();
    }

    @Test
    void deactivateWithdrawsTheDriver() {
        SimInstance i = activate(demo());
        i.deactivate();
        instances.remove(i);
        assertThat(registered.get(0).live()).isFalse();
    }

    private static SimInstance assertThatNoThrow(java.util.concurrent.Callable<SimInstance> c) {
        try {
            return c.call();
        } catch (Exception e) {
            throw new AssertionError("activate threw " + e, e);
        }
    }
}
