package org.syncscope.cas.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.cas.ServedPvInfo;
import org.syncscope.testing.Configs;

/** The CA server component's DS lifecycle, on ports of its own (25260–25269). */
class CaServerComponentTest {

    private static final String FILE = "org.syncscope.cas.cfg";
    private CaServerComponent component;

    @AfterEach
    void stop() {
        if (component != null) {
            component.deactivate();
        }
    }

    private static Map<String, Object> props(Object... keysAndValues) {
        return Configs.fromFile(FILE, keysAndValues);
    }

    private CaServerComponent activate(Map<String, Object> p) {
        component = new CaServerComponent(Configs.of(CasConfig.class, p), p);
        return component;
    }

    private void modify(Map<String, Object> p) {
        component.modified(Configs.of(CasConfig.class, p), p);
    }

    private void awaitStatus(String status) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(component.status()).isEqualTo(status));
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void activateServesAndDeactivateStops() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> activate(props("port", "25260")));
        awaitStatus("serving on UDP 25260, TCP 25260");
        assertThat(accepts(25260)).isTrue();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> component.deactivate());
        component = null;
        // CAJ closes its acceptor through the reactor's selector: the port goes shortly after
        await().atMost(Duration.ofSeconds(10)).until(() -> !accepts(25260));
    }

    @Test
    void modifiedRestartsOnTheNewPortAndKeepsThePvs() {
        activate(props("port", "25261"));
        component.server().publish(PvSpec.ofDouble("CASTEST:KEPT", "", 1, "kept over a restart"));
        awaitStatus("serving on UDP 25261, TCP 25261");
        modify(props("port", "25262"));
        awaitStatus("serving on UDP 25262, TCP 25262");
        await().atMost(Duration.ofSeconds(10)).until(() -> !accepts(25261));
        assertThat(accepts(25262)).isTrue();
        assertThat(component.server().snapshot()).extracting(ServedPvInfo::name).containsExactly("CASTEST:KEPT");
    }

    @Test
    void aNonNumericValueAtActivationIsRefusedWithFileKeyAndValue() {
        activate(props("port", "abc"));
        assertThat(component.status())
                .isEqualTo("not serving: configuration refused: etc/" + FILE + ": port = 'abc' is not a whole number");
        assertThat(component.server().ports()).isNull();
        modify(props("port", "25263"));
        awaitStatus("serving on UDP 25263, TCP 25263");
    }

    @Test
    void aBadEditKeepsThePreviousSettingsAndSaysSo() {
        activate(props("port", "25264"));
        awaitStatus("serving on UDP 25264, TCP 25264");
        modify(props("port", "25264", "beaconPeriodSeconds", "often"));
        assertThat(component.status()).isEqualTo("serving on UDP 25264, TCP 25264; change refused, previous settings "
                + "stay: etc/" + FILE + ": beaconPeriodSeconds = 'often' is not a number");
        modify(props("port", "99999"));
        assertThat(component.status()).endsWith("change refused, previous settings stay: etc/" + FILE
                + ": port 99999 is outside 1..65535");
        assertThat(accepts(25264)).isTrue();
    }

    /** Issue 17: with its TCP port taken CAJ serves on a dynamic one, and the log said the configured port. */
    @Test
    void aTakenTcpPortIsReportedWithThePortActuallyBound() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(25265));
            activate(props("port", "25265"));
            await().atMost(Duration.ofSeconds(15)).until(() -> component.server().ports() != null);
            ChannelAccessServer.Ports ports = component.server().ports();
            assertThat(ports.udp()).isEqualTo(25265);
            assertThat(ports.tcp()).isNotEqualTo(25265).isPositive();
            assertThat(accepts(ports.tcp())).as("the dynamic port serves").isTrue();
            assertThat(component.status()).isEqualTo("serving on UDP 25265, TCP " + ports.tcp()
                    + " (TCP port 25265 was in use)");
        }
    }

    @Test
    void publisherComponentsWithdrawOnlyTheirOwnPvs() {
        activate(props("port", "25266"));
        PvPublisherComponent a = new PvPublisherComponent(component);
        PvPublisherComponent b = new PvPublisherComponent(component);
        a.publish(PvSpec.ofDouble("CASTEST:A", "", 1, "a"));
        b.publish(PvSpec.ofDouble("CASTEST:B", "", 1, "b"));
        assertThat(a.published()).hasSize(2);
        assertThatThrownBy(() -> b.publish(PvSpec.ofDouble("CASTEST:A", "", 1, "again")))
                .hasMessageContaining("already published");
        a.deactivate();
        assertThat(component.server().snapshot()).extracting(ServedPvInfo::name).containsExactly("CASTEST:B");
        b.deactivate();
        assertThat(component.server().snapshot()).isEmpty();
    }

    @Test
    void tcpLimitsComeFromTheConfigAndABadOneIsRefused() throws Exception {
        activate(props("port", "25346", "maxClients", "1", "handshakeTimeoutSeconds", "30"));
        awaitStatus("serving on UDP 25346, TCP 25346");
        assertThat(component.server().settings().tcp())
                .isEqualTo(new org.syncscope.cas.internal.guard.TcpLimits(16384, 1, 4096, 4096, 30_000, 60_000));
        assertThat(org.syncscope.cas.command.PvListCommandAccess.network(component))
                .isEqualTo("Clients: 0 of at most 1, 0 closed by timeout; refused: TCP 0, UDP 0");
        modify(props("port", "25346", "maxClients", "many"));
        assertThat(component.status()).endsWith("change refused, previous settings stay: etc/" + FILE
                + ": maxClients = 'many' is not a whole number");
        modify(props("port", "25346", "idleTimeoutSeconds", "0"));
        assertThat(component.status()).endsWith("change refused, previous settings stay: etc/" + FILE
                + ": idleTimeoutSeconds = 0.0 is outside 0.001..86400 s");
        modify(props("port", "25346", "maxClients", "0"));
        assertThat(component.status()).endsWith("change refused, previous settings stay: etc/" + FILE
                + ": maxClients = 0 must be at least 1");
        assertThat(component.server().settings().tcp().maxClients()).as("previous settings run").isEqualTo(1);
        modify(props("port", "25346", "maxClients", "2"));
        await().atMost(Duration.ofSeconds(15)).until(() -> component.server().clients() != null
                && component.server().clients().max() == 2);
    }

    @Test
    void theCatalogIdleTimeComesFromTheConfigAndABadOneIsRefused() {
        activate(props("port", "25443"));
        awaitStatus("serving on UDP 25443, TCP 25443");
        assertThat(component.server().catalogIdleMillis()).as("default").isEqualTo(30_000);
        modify(props("port", "25443", "catalogIdleSeconds", "2.5"));
        assertThat(component.server().catalogIdleMillis()).as("applied at once").isEqualTo(2_500);
        modify(props("port", "25443", "catalogIdleSeconds", "soon"));
        assertThat(component.status()).endsWith("change refused, previous settings stay: etc/" + FILE
                + ": catalogIdleSeconds = 'soon' is not a number");
        modify(props("port", "25443", "catalogIdleSeconds", "0"));
        assertThat(component.status()).endsWith("change refused, previous settings stay: etc/" + FILE
                + ": catalogIdleSeconds = 0.0 is outside 0.001..86400 s");
        assertThat(component.server().catalogIdleMillis()).isEqualTo(2_500);
    }
}
