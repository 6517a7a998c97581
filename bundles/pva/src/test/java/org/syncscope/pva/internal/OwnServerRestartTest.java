package org.syncscope.pva.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;
import org.syncscope.pvas.testing.PvaServers;
import org.syncscope.testing.Configs;

/**
 * The client and Syncscope's own pvAccess server (pvas) in one JVM, as in the Karaf container:
 * the server restarting (its bundle updated) is a disconnect, then a connect with fresh updates.
 */
class OwnServerRestartTest {

    private static final int TCP = 25570;        // the server searches on 25571
    private static final int CLIENT_UDP = 25572; // where the client hears beacons
    private static final Duration WAIT = Duration.ofSeconds(30);

    private PvaServers.Running server;
    private PvaSourceComponent component;

    @AfterEach
    void stop() {
        if (component != null) {
            component.deactivate();
        }
        if (server != null) {
            server.close();
        }
    }

    private PublishedPv serve(double value) throws Exception {
        server = PvaServers.loopback(TCP, "beaconAddrList", "127.0.0.1:" + CLIENT_UDP, "beaconPeriodSeconds", "1");
        PublishedPv pv = server.publisher().publish(PvSpec.ofDouble("OWN:PV", "s", 3, "restart test"));
        pv.post(value, System.currentTimeMillis() * 1_000_000L, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        return pv;
    }

    @Test
    void ourServerRestartingInThisJvmIsADisconnectThenAConnectWithFreshUpdates() throws Exception {
        serve(1.0);
        Map<String, Object> p = Configs.fromFile("org.syncscope.pva.cfg");
        p.put("addressList", "127.0.0.1:" + (TCP + 1));
        p.put("autoAddressList", "false");
        p.put("broadcastPort", Integer.toString(CLIENT_UDP));
        component = PvaSourceComponents.activate(p);
        Recorder r = new Recorder();
        component.subscribe("OWN:PV", r);
        await().atMost(WAIT).until(() -> r.updates.size() == 1);

        server.close();
        server = null;
        await().atMost(WAIT).until(() -> !r.connected());

        PublishedPv pv = serve(5.0);
        await().atMost(WAIT).until(() -> r.connected() && r.last().value().equals(new PvValue.DoubleValue(5.0)));
        pv.post(6.0, System.currentTimeMillis() * 1_000_000L, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        await().atMost(WAIT).until(() -> r.last().value().equals(new PvValue.DoubleValue(6.0)));
        assertThat(r.events).containsExactly("connected", new PvValue.DoubleValue(1.0), "disconnected",
                "connected", new PvValue.DoubleValue(5.0), new PvValue.DoubleValue(6.0));
    }
}
