package org.syncscope.pva.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.epics.pva.data.PVADouble;
import org.epics.pva.data.PVAStructure;
import org.epics.pva.server.ServerPV;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.PvException;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.pv.Subscription;
import org.syncscope.testing.Configs;

/** activate / modified / deactivate, a server that goes away and comes back, and what the client leaves behind. */
class PvaSourceComponentTest {

    private static final int UDP = 25565;
    private static final int TCP = 25566;   // and 25567 for the peer's TLS port
    private static final int LOCAL = 25568;
    private static final int LOCAL_2 = 25569;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private PeerServer peer;
    private PvaSourceComponent component;

    @AfterEach
    void stop() {
        if (component != null) {
            component.deactivate();
        }
        if (peer != null) {
            peer.close();
        }
    }

    static Map<String, Object> properties(int local) {
        Map<String, Object> p = Configs.fromFile("org.syncscope.pva.cfg");
        p.put("addressList", "127.0.0.1:" + UDP);
        p.put("autoAddressList", "false");
        p.put("broadcastPort", Integer.toString(local));
        p.put("getTimeoutSeconds", "0.5");
        return p;
    }

    private PVAStructure data;
    private ServerPV pv;

    private void serve(double value, long seconds) throws Exception {
        peer = new PeerServer(UDP, TCP);
        data = PeerServer.nt("epics:nt/NTScalar:1.0", new PVADouble("value", value), PeerServer.alarm(0, 0, ""),
                PeerServer.time(seconds, 0, 0));
        pv = peer.serve("CT:PV", data);
    }

    private void post(double value, long seconds) throws Exception {
        ((PVADouble) data.get("value")).set(value);
        PeerServer.stamp(data, 0, "", seconds, 0, 0);
        pv.update(data);
    }

    @Test
    void aBadValueAtActivationLeavesItRefusedNamingFileAndKey() {
        Map<String, Object> p = properties(LOCAL);
        p.put("broadcastPort", "abc");
        component = PvaSourceComponents.activate(p);   // does not throw
        assertThat(component.refusal()).contains("etc/org.syncscope.pva.cfg").contains("broadcastPort = 'abc'");
        assertThatThrownBy(() -> component.subscribe("CT:PV", u -> { })).hasMessageContaining("broadcastPort = 'abc'");
        assertThatThrownBy(() -> component.get("CT:PV", Duration.ofMillis(100))).isInstanceOf(PvException.class)
                .hasMessageContaining("broadcastPort = 'abc'");
    }

    @Test
    void aPortOutOfRangeOrAMalformedAddressIsRefusedNamingTheKey() {
        Map<String, Object> p = properties(LOCAL);
        p.put("broadcastPort", "70000");
        component = PvaSourceComponents.activate(p);
        assertThat(component.refusal()).contains("etc/org.syncscope.pva.cfg").contains("broadcastPort = 70000");
        component.deactivate();
        p = properties(LOCAL);
        p.put("addressList", "127.0.0.1:99999");
        component = PvaSourceComponents.activate(p);
        assertThat(component.refusal()).contains("addressList: '127.0.0.1:99999' has a port outside 1..65535");
    }

    @Test
    void aBadEditKeepsThePreviousSettingsAndAGoodEditKeepsTheSubscriptions() throws Exception {
        serve(1.0, 1_764_000_000L);
        component = PvaSourceComponents.activate(properties(LOCAL));
        Recorder r = new Recorder();
        Subscription s = component.subscribe("CT:PV", r);
        await().atMost(WAIT).until(() -> r.updates.size() == 1);

        Map<String, Object> bad = properties(LOCAL);
        bad.put("getTimeoutSeconds", "soon");
        PvaSourceComponents.modify(component, bad);
        assertThat(component.refusal()).startsWith("change refused, previous settings stay: ")
                .contains("getTimeoutSeconds = 'soon'");
        assertThat(component.defaultGetTimeout()).isEqualTo(Duration.ofMillis(500));

        PvaSourceComponents.modify(component, properties(LOCAL_2));   // a new context on another local port
        assertThat(component.refusal()).isNull();
        await().atMost(WAIT).until(() -> r.connections.size() == 3 && r.connected() && r.updates.size() == 2);
        assertThat(r.connections).containsExactly(true, false, true);
        post(2.0, 1_764_000_001L);
        await().atMost(WAIT).until(() -> r.last().value().equals(new PvValue.DoubleValue(2.0)));
        assertThat(s.isConnected()).isTrue();
    }

    @Test
    void aServerThatStopsIsToldAsADisconnectAndOneThatStartsOnThePortAgainAsAConnectWithFreshUpdates() throws Exception {
        serve(1.0, 1_764_000_000L);
        component = PvaSourceComponents.activate(properties(LOCAL));
        Recorder r = new Recorder();
        Subscription s = component.subscribe("CT:PV", r);
        await().atMost(WAIT).until(() -> r.updates.size() == 1);

        peer.close();
        await().atMost(WAIT).until(() -> !r.connected());
        assertThat(s.isConnected()).isFalse();
        int before = r.updates.size();

        serve(5.0, 1_700_000_000L);   // restarted: its first value is stamped earlier than the last one seen
        await().atMost(WAIT).until(() -> r.connected() && r.updates.size() == before + 1);
        assertThat(r.last().value()).isEqualTo(new PvValue.DoubleValue(5.0));
        post(6.0, 1_764_000_010L);
        await().atMost(WAIT).until(() -> r.last().value().equals(new PvValue.DoubleValue(6.0)));
        assertThat(r.events).containsExactly("connected", new PvValue.DoubleValue(1.0), "disconnected",
                "connected", new PvValue.DoubleValue(5.0), new PvValue.DoubleValue(6.0));
    }

    @Test
    void deactivationEndsEveryThreadTheClientStarted() throws Exception {
        serve(1.0, 1_764_000_000L);
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        component = PvaSourceComponents.activate(properties(LOCAL));
        Recorder r = new Recorder();
        component.subscribe("CT:PV", r);
        await().atMost(WAIT).until(() -> r.updates.size() == 1);
        assertThatThrownBy(() -> component.get("CT:NOBODY", Duration.ofMillis(200))).isInstanceOf(PvException.class);
        Set<Thread> started = Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t))
                .filter(PvaSourceComponentTest::isClientThread).collect(Collectors.toSet());
        assertThat(started).extracting(Thread::getName).contains("pva-client-events", "pvAccess-client timer");

        component.deactivate();
        component = null;
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(started.stream().filter(Thread::isAlive).map(Thread::getName)).isEmpty());
    }

    /** Threads of our client and of the library's client side (the peer's threads are named otherwise). */
    private static boolean isClientThread(Thread t) {
        String n = t.getName();
        return n.startsWith("pva-client") || n.startsWith("pvAccess") || n.startsWith("UDP-receive")
                || n.equals("receiveThread") || n.equals("sendThread");
    }
}
