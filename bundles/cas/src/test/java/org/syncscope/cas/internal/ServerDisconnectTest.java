package org.syncscope.cas.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cosylab.epics.caj.cas.util.DefaultServerImpl;
import gov.aps.jca.configuration.DefaultConfiguration;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Closing the client connections a context still holds (CAJ's acceptor can take one while stopping); on ephemeral ports. */
class ServerDisconnectTest {

    @Test
    void closeLeftoversClosesEachClientSocket() throws Exception {
        DefaultConfiguration config = new DefaultConfiguration("CAJServerContext");
        config.setAttribute("server_port", "0");
        config.setAttribute("beacon_addr_list", "127.0.0.1");
        config.setAttribute("auto_beacon_addr_list", "false");
        org.syncscope.cas.internal.guard.MalformedInput refused = new org.syncscope.cas.internal.guard.MalformedInput();
        ClosingServerContext ctx = new ClosingServerContext(
                new org.syncscope.cas.internal.guard.GuardedAcceptor(org.syncscope.cas.internal.guard.TcpLimits.DEFAULTS,
                        refused), refused);
        ctx.configure(config);
        ctx.initialize(new DefaultServerImpl());
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), ctx.getTcpServerPort())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ServerDisconnect.clients(ctx).size() == 1);

            assertThat(ServerDisconnect.closeLeftovers(ctx)).isEqualTo(1);

            client.setSoTimeout(10_000);
            assertThat(client.getInputStream().read()).as("the client sees the connection end").isEqualTo(-1);
            assertThat(ServerDisconnect.clients(ctx)).isEmpty();
        } finally {
            ctx.destroy();
        }
    }
}
