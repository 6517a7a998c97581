package org.syncscope.ca.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvException;
import org.syncscope.api.pv.PvListener;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.pv.Subscription;
import org.syncscope.ca.command.PvMonitorProbe;
import org.syncscope.cas.testing.CaServers;
import org.syncscope.testing.Configs;

/** The component's activate / modified / deactivate paths, and what pv:monitor says of a PV nobody serves. */
class CaSourceComponentTest {

    private static final int NOBODY = 25201;
    private static final int SERVER = 25202;
    private static final long T = 1_764_000_000_000_000_000L;

    private CaServers.Running server;
    private CaSourceComponent component;

    @AfterEach
    void stop() {
        if (component != null) {
            component.deactivate();
        }
        if (server != null) {
            server.close();
        }
    }

    static Map<String, Object> properties(int port) {
        Map<String, Object> p = new HashMap<>();
        p.put("addrList", "127.0.0.1:" + port);
        p.put("autoAddrList", "false");
        p.put("serverPort", Integer.toString(port));
        p.put("getTimeoutSeconds", "0.5");
        p.put("felix.fileinstall.filename", "file:/opt/syncscope/etc/org.syncscope.ca.cfg");
        return p;
    }

    /** The typed configuration over raw properties, converted as DS would. */
    static CaConfig config(Map<String, Object> p) {
        return Configs.of(CaConfig.class, p);
    }

    private void serve() throws Exception {
        server = CaServers.loopback(SERVER);
        PublishedPv pv = server.publisher().publish(PvSpec.ofDouble("CT:PV", "", 0, ""));
        pv.post(new PvValue.DoubleValue(4.5), T, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
    }

    @Test
    void aBadValueAtActivationLeavesItRefusedNamingFileKeyAndValue() {
        Map<String, Object> p = properties(NOBODY);
        p.put("serverPort", "abc");
        component = new CaSourceComponent();
        component.activate(config(p), p);   // does not throw
        assertThat(component.refusal()).contains("etc/org.syncscope.ca.cfg").contains("serverPort = 'abc'");
        assertThatThrownBy(() -> component.subscribe("CT:PV", u -> { })).hasMessageContaining("serverPort = 'abc'");
        assertThatThrownBy(() -> component.get("CT:PV", Duration.ofMillis(100))).isInstanceOf(PvException.class)
                .hasMessageContaining("serverPort = 'abc'");

        component.modified(config(properties(NOBODY)), properties(NOBODY));   // fixed
        assertThat(component.refusal()).isNull();
    }

    @Test
    void aModifiedThatRebuildsMovesSubscriptionsAndABadEditKeepsThePreviousSettings() throws Exception {
        serve();
        component = new CaSourceComponent();
        component.activate(config(properties(NOBODY)), properties(NOBODY));
        assertThat(component.refusal()).isNull();
        List<String> events = new CopyOnWriteArrayList<>();
        Subscription s = component.subscribe("CT:PV", new PvListener() {
            @Override
            public void onUpdate(PvUpdate update) {
                events.add("value " + ((PvValue.DoubleValue) update.value()).value());
            }

            @Override
            public void onConnectionChanged(String pvName, boolean connected) {
                events.add(connected ? "connected" : "disconnected");
            }
        });
        assertThat(s.isConnected()).isFalse();

        component.modified(config(properties(SERVER)), properties(SERVER));   // a new context, on the server's port
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("value 4.5"));
        assertThat(events).containsExactly("connected", "value 4.5");

        Map<String, Object> bad = properties(SERVER);
        bad.put("getTimeoutSeconds", "soon");
        component.modified(config(bad), bad);
        assertThat(component.refusal()).startsWith("change refused, previous settings stay: ")
                .contains("getTimeoutSeconds = 'soon'");
        assertThat(s.isConnected()).as("still on the previous settings").isTrue();
        assertThat(component.get("CT:PV", Duration.ofSeconds(5)).value()).isEqualTo(new PvValue.DoubleValue(4.5));

        component.deactivate();
        assertThatThrownBy(() -> component.subscribe("CT:PV", u -> { })).isInstanceOf(IllegalStateException.class);
        component = null;
    }

    @Test
    void pvMonitorSaysWhenNoServerAnswersAndGoesOnWaiting() throws Exception {
        component = new CaSourceComponent();
        component.activate(config(properties(NOBODY)), properties(NOBODY));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream console = System.out;
        Thread monitor = new Thread(() -> {
            try {
                PvMonitorProbe.run(component, "NO:SUCH:PV");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            monitor.start();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> out.toString(StandardCharsets.UTF_8).contains("NO:SUCH:PV *** Not connected"));
            assertThat(monitor.isAlive()).as("still monitoring, as camonitor does").isTrue();
        } finally {
            monitor.interrupt();
            monitor.join(5_000);
            System.setOut(console);
        }
        assertThat(monitor.isAlive()).isFalse();
    }
}
