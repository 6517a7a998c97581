package org.syncscope.cas.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.syncscope.cas.internal.guard.CaDatagrams.datagram;

import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.AddressList;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.cas.internal.guard.MalformedInput;

/**
 * ignoreAddrList is applied: CAJ 2.4.9's UDP transport compares the sender with the list but
 * never acts on it, the UDP guard does. FIFO on one socket makes the check sound: once the server
 * answered the search sent after the ignored one, it had handled the ignored one, and a reply
 * would be waiting already.
 */
class IgnoreAddrListTest {

    private static final int PORT = 25362;
    private final ChannelAccessServer server = new ChannelAccessServer();

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void searchesFromAnIgnoredHostAreNotAnswered() throws Exception {
        server.start(new ServerSettings(PORT, AddressList.parse("b", "127.0.0.1:25363"), false, 15f,
                AddressList.parse("ignoreAddrList", "127.0.0.2")));
        server.publish(PvSpec.ofDouble("IGNORE:PV", "", 3, ""));
        InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT);
        try (DatagramChannel ignored = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.2", 0));
             DatagramChannel heard = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            ignored.configureBlocking(false);
            ignored.send(datagram().version().search("IGNORE:PV", 1).buffer(), to);
            heard.send(datagram().version().search("IGNORE:PV", 2).buffer(), to);
            ByteBuffer reply = ByteBuffer.allocate(1024);
            heard.socket().setSoTimeout((int) Duration.ofSeconds(10).toMillis());
            byte[] r = new byte[1024];
            DatagramPacket p = new DatagramPacket(r, r.length);
            heard.socket().receive(p);
            assertThat(ByteBuffer.wrap(r).getShort(0)).as("the other host is answered").isEqualTo((short) 6);
            assertThat(ignored.receive(reply)).as("the ignored host is not").isNull();
        }
        assertThat(server.malformed().total(MalformedInput.Channel.UDP)).isZero();
    }
}
