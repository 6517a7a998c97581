package org.syncscope.cas.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.AddressList;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.cas.internal.ChannelAccessServer;
import org.syncscope.cas.internal.ServerSettings;

/** The per-server and per-client limits on a real server (ports 25341–25345). */
class TcpLimitsTest {

    private final ChannelAccessServer server = new ChannelAccessServer();
    private final List<CaClientBytes> clients = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (CaClientBytes c : clients) {
            c.close();
        }
        server.stop();
    }

    private void start(int port, TcpLimits limits) throws Exception {
        server.start(new ServerSettings(port, AddressList.parse("b", "127.0.0.1"), false, 15f, AddressList.EMPTY, limits));
        server.publish(PvSpec.ofDouble("LIMIT:A", "", 0, "a"));
    }

    private CaClientBytes client(int port) throws Exception {
        CaClientBytes c = new CaClientBytes(port);
        clients.add(c);
        return c;
    }

    @Test
    void aClientOverMaxClientsIsClosedAtOnceAndCounted() throws Exception {
        start(25341, new TcpLimits(16384, 3, 10, 10, 60_000, 60_000));
        for (int i = 0; i < 3; i++) {
            assertThat(client(25341).connect("LIMIT:A")).isGreaterThanOrEqualTo(0);
        }
        assertThat(server.clients().open()).isEqualTo(3);
        CaClientBytes fourth = client(25341);
        assertThat(fourth.closedByServer(5000)).as("the fourth is closed").isTrue();
        assertThat(server.malformed().total(MalformedInput.Channel.TCP)).isEqualTo(1);
        clients.remove(0).close();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.clients().open() == 2);
        assertThat(client(25341).connect("LIMIT:A")).as("a place is free again").isGreaterThanOrEqualTo(0);
    }

    @Test
    void aSilentConnectionIsClosedAfterTheHandshakeTimeout() throws Exception {
        start(25342, new TcpLimits(16384, 10, 10, 10, 300, 60_000));
        CaClientBytes silent = client(25342);
        silent.send(new byte[7]);   // a partial header, never completed
        assertThat(silent.closedByServer(10_000)).isTrue();
        assertThat(server.clients().timedOut()).isEqualTo(1);
        assertThat(server.malformed().total(MalformedInput.Channel.TCP)).isEqualTo(1);
    }

    @Test
    void anIdleConnectionWithoutChannelsIsClosedOneWithAChannelStays() throws Exception {
        start(25343, new TcpLimits(16384, 10, 10, 10, 60_000, 500));
        CaClientBytes idle = client(25343);
        idle.send(CaClientBytes.handshake());
        CaClientBytes busy = client(25343);
        assertThat(busy.connect("LIMIT:A")).isGreaterThanOrEqualTo(0);
        assertThat(idle.closedByServer(10_000)).isTrue();
        assertThat(busy.closedByServer(1500)).as("a client holding a channel is not idle").isFalse();
        assertThat(server.malformed().total(MalformedInput.Channel.TCP)).as("idle is not malformed").isZero();
    }

    @Test
    void aChannelOverTheLimitIsAnsweredCreateFailed() throws Exception {
        start(25344, new TcpLimits(16384, 10, 2, 10, 60_000, 60_000));
        CaClientBytes c = client(25344);
        assertThat(c.connect("LIMIT:A")).isGreaterThanOrEqualTo(0);
        c.send(CaClientBytes.named(18, "LIMIT:A", 2, 13));
        assertThat(readUntil(c, 18)[4]).isEqualTo(2);
        c.send(CaClientBytes.named(18, "LIMIT:A", 3, 13));
        int[] refused = readUntil(c, 26);
        assertThat(refused[4]).as("CREATE_CH_FAIL for the client's channel id").isEqualTo(3);
        assertThat(c.closedByServer(500)).as("the connection stays").isFalse();
        assertThat(server.malformed().total(MalformedInput.Channel.TCP)).isEqualTo(1);
    }

    @Test
    void aMonitorOverTheLimitClosesTheConnection() throws Exception {
        start(25345, new TcpLimits(16384, 10, 10, 2, 60_000, 60_000));
        CaClientBytes c = client(25345);
        int sid = c.connect("LIMIT:A");
        c.send(CaMessages.concat(CaMessages.eventAdd(sid, 1), CaMessages.eventAdd(sid, 2),
                CaMessages.message(2, 0, 20, 1, sid, 2), CaMessages.eventAdd(sid, 3)));
        assertThat(c.closedByServer(1000)).as("two monitors after a cancel: within the limit").isFalse();
        c.send(CaMessages.eventAdd(sid, 4));
        assertThat(c.closedByServer(10_000)).as("a third monitor").isTrue();
    }

    private static int[] readUntil(CaClientBytes c, int command) throws Exception {
        while (true) {
            int[] h = c.header();
            if (h[0] == command) {
                return h;
            }
        }
    }
}
