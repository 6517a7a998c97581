package org.syncscope.eventsystem.mrf.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.syncscope.api.eventsystem.EventSystemDriver;
import org.syncscope.api.pv.PvValue;
import org.syncscope.eventsystem.mrf.MrfReceiverState;
import org.syncscope.testing.Configs;
import org.syncscope.testing.MemorySource;
import org.syncscope.testing.RegisteringContext;

/** The factory component as SCR drives it: activate, the source's bind, modified (good and bad), deactivate. */
class MrfInstanceTest {

    private static final String FILE = "org.syncscope.eventsystem.mrf-EVR1.cfg";
    private static final String P = "TST{EVR:1}";

    private final RegisteringContext registered = new RegisteringContext();
    private final MrfInstances registry = new MrfInstances();
    private final MemorySource source = new MemorySource();
    private final List<MrfInstance> instances = new CopyOnWriteArrayList<>();

    private MrfInstance activate(Map<String, Object> properties) {
        MrfInstance i = new MrfInstance(registered.context(), Configs.of(MrfConfig.class, properties), properties, registry);
        i.bindSource(source, Map.of("protocol", "ca"));
        instances.add(i);
        return i;
    }

    @AfterEach
    void deactivate() {
        instances.forEach(MrfInstance::deactivate);
    }

    private static Map<String, Object> evr1(Object... more) {
        Map<String, Object> p = Configs.fromFile(FILE, "prefix", P, "events", "125=" + P + "Evt125, 10=" + P + "Evt10");
        for (int i = 0; i < more.length; i += 2) {
            p.put((String) more[i], more[i + 1]);
        }
        return p;
    }

    @Test
    void anAcceptedConfigurationRegistersADriverNamedForTargetFilters() {
        MrfInstance i = activate(evr1());
        List<EventSystemDriver> drivers = registered.up(EventSystemDriver.class);
        assertThat(drivers).hasSize(1);
        assertThat(i.state()).isEqualTo("running");
        // the subscriptions were held until the source came, then made on it
        await().atMost(Duration.ofSeconds(10)).until(() -> source.subscribed().size() == 12);
        source.subscribed().forEach(pv -> source.connect(pv, true));
        source.update(P + "Link-Sts", 1, new PvValue.EnumValue(1, "OK"));
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.all().get(0).description().contains("link OK"));
        MrfReceiverState view = registry.all().get(0);
        assertThat(view.origin()).isEqualTo("etc/" + FILE);
        assertThat(view.name()).isEqualTo("EVR1");
        assertThat(view.description()).startsWith("mrf EVR1 (TST{EVR:1}, ca): link OK, PLL ?");
        assertThat(view.events()).extracting(e -> e.code() + "=" + e.counterPv())
                .containsExactly("125=TST{EVR:1}Evt125Cnt-I", "10=TST{EVR:1}Evt10Cnt-I");
    }

    @Test
    void theServicePropertiesAreDriverAndName() {
        // RegisteringContext keeps the properties; read them through a registration of our own context
        List<Object[]> props = new CopyOnWriteArrayList<>();
        org.osgi.framework.BundleContext context = (org.osgi.framework.BundleContext) java.lang.reflect.Proxy
                .newProxyInstance(getClass().getClassLoader(), new Class<?>[] {org.osgi.framework.BundleContext.class},
                        (proxy, m, args) -> {
                            props.add(new Object[] {((java.util.Dictionary<?, ?>) args[2]).get("driver"),
                                    ((java.util.Dictionary<?, ?>) args[2]).get("name")});
                            return registered.context().registerService((Class<Object>) args[0], args[1],
                                    (java.util.Dictionary<String, ?>) args[2]);
                        });
        Map<String, Object> p = evr1("name", "lab-evr");
        MrfInstance i = new MrfInstance(context, Configs.of(MrfConfig.class, p), p, registry);
        instances.add(i);
        assertThat(props).singleElement().satisfies(a -> assertThat(a).containsExactly("mrf", "lab-evr"));
    }

    @Test
    void aRefusedConfigurationIsListedWithItsReasonAndRegistersNothing() {
        MrfInstance bad = activate(evr1("connectTimeoutSeconds", "soon"));
        assertThat(bad.state()).isEqualTo("refused: etc/" + FILE + ": connectTimeoutSeconds = 'soon' is not a whole number");
        MrfInstance badEvents = activate(Configs.fromFile("org.syncscope.eventsystem.mrf-EVR2.cfg", "prefix", "EVR2:",
                "events", "125=EVR2:Evt125, 10"));
        assertThat(badEvents.state()).isEqualTo("refused: etc/org.syncscope.eventsystem.mrf-EVR2.cfg: "
                + "events: '10' is not CODE=EN (e.g. 125=TST{EVR:1}Evt125)");
        assertThat(registered.up(EventSystemDriver.class)).isEmpty();
        assertThat(source.subscribed()).isEmpty();
        assertThat(registry.all()).extracting(MrfReceiverState::origin, MrfReceiverState::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("etc/" + FILE, "?"),
                        org.assertj.core.groups.Tuple.tuple("etc/org.syncscope.eventsystem.mrf-EVR2.cfg", "?"));
    }

    @Test
    void aBadEditKeepsTheRunningDriverAndAGoodOneReplacesIt() {
        MrfInstance i = activate(evr1());
        EventSystemDriver first = registered.up(EventSystemDriver.class).get(0);
        Map<String, Object> bad = evr1("syncEvent", "10x");
        i.modified(Configs.of(MrfConfig.class, bad), bad);
        assertThat(i.state()).isEqualTo("running; change refused, previous settings stay: etc/" + FILE
                + ": syncEvent = '10x' is not a whole number");
        assertThat(registered.up(EventSystemDriver.class)).containsExactly(first);

        Map<String, Object> good = evr1("syncEvent", "10");
        i.modified(Configs.of(MrfConfig.class, good), good);
        assertThat(i.state()).isEqualTo("running");
        assertThat(registered.up(EventSystemDriver.class)).singleElement().isNotSameAs(first)
                .satisfies(d -> assertThat(d.syncEventNumber()).isEqualTo(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> source.open().size() == 12);
        assertThat(source.closed()).as("the old driver's subscriptions are closed").hasSize(12);

        i.modified(Configs.of(MrfConfig.class, good), good);
        assertThat(source.closed()).as("the same settings again change nothing").hasSize(12);
    }

    @Test
    void deactivateWithdrawsTheDriverAndItsSubscriptions() {
        MrfInstance i = activate(evr1());
        instances.remove(i);
        i.deactivate();
        assertThat(registered.up(EventSystemDriver.class)).isEmpty();
        assertThat(source.open()).isEmpty();
        assertThat(registry.all()).isEmpty();
    }

    @Test
    void aLostPvSourceLeavesTheDriverWaitingAndSayingSo() {
        MrfInstance i = activate(evr1());
        i.unbindSource(source);
        assertThat(source.open()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.all().get(0).description()
                .startsWith("mrf EVR1 (TST{EVR:1}, ca: no PV source bound): connecting: "));
        MemorySource again = new MemorySource();
        i.bindSource(again, Map.of("protocol", "ca"));
        assertThat(again.subscribed()).hasSize(12);
    }
}
