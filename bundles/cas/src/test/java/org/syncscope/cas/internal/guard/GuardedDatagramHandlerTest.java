package org.syncscope.cas.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.syncscope.cas.internal.guard.CaDatagrams.datagram;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.syncscope.cas.internal.guard.MalformedInput.Channel;

/** The handler on a real loopback socket (ephemeral port) with a recording stand-in for CAJ. */
class GuardedDatagramHandlerTest {

    private final DatagramChannel channel;
    private final MalformedInput refusals = new MalformedInput();
    private final List<String> passed = new CopyOnWriteArrayList<>();
    private final AtomicInteger datagrams = new AtomicInteger();
    private volatile RuntimeException cajThrows;

    GuardedDatagramHandlerTest() throws Exception {
        channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        channel.configureBlocking(false);
    }

    @AfterEach
    void close() throws Exception {
        channel.close();
    }

    /** Consumes one message as CAJ does (position past it) and records "command from-host". */
    private void caj(InetSocketAddress from, ByteBuffer[] datagram) {
        ByteBuffer b = datagram[0];
        int command = b.getShort(b.position());
        int payload = b.getShort(b.position() + 2) & 0xFFFF;
        b.position(b.position() + 16 + payload);
        if (cajThrows != null) {
            throw cajThrows;
        }
        passed.add(command + " " + from.getAddress().getHostAddress());
    }

    private GuardedDatagramHandler handler(InetSocketAddress... ignored) {
        return new GuardedDatagramHandler(channel, ignored, datagrams::incrementAndGet, this::caj, refusals);
    }

    private void send(String fromHost, byte[] d) throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(fromHost), 0))) {
            s.send(new DatagramPacket(d, d.length, channel.getLocalAddress()));
        }
    }

    private void receiveUntil(GuardedDatagramHandler h, java.util.function.BooleanSupplier done) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            h.receiveAll();
            return done.getAsBoolean();
        });
    }

    @Test
    void wellFormedDatagramsReachCajMessageByMessage() throws Exception {
        GuardedDatagramHandler h = handler();
        send("127.0.0.1", datagram().version().search("A:B", 1).search("C:D", 2).array());
        receiveUntil(h, () -> passed.size() == 3);
        assertThat(passed).containsExactly("0 127.0.0.1", "6 127.0.0.1", "6 127.0.0.1");
        assertThat(datagrams).hasValue(1);
        assertThat(refusals.total(Channel.UDP)).isZero();
    }

    @Test
    void malformedDatagramsAreCountedAndNeverReachCaj() throws Exception {
        GuardedDatagramHandler h = handler();
        send("127.0.0.1", datagram().header(1, 16, 14, 1, 1, 1).bytes(new byte[16]).array());
        send("127.0.0.1", new byte[5]);
        send("127.0.0.1", datagram().version().search("OK:TOO", 1).array());
        receiveUntil(h, () -> passed.size() == 2);
        assertThat(refusals.total(Channel.UDP)).isEqualTo(2);
        assertThat(refusals.linesLogged()).isEqualTo(1);
        assertThat(datagrams).as("only the good one was handed on").hasValue(1);
    }

    @Test
    void datagramsFromIgnoredHostsAreDroppedUncounted() throws Exception {
        GuardedDatagramHandler h = handler(new InetSocketAddress("127.0.0.1", 0));
        send("127.0.0.1", datagram().version().search("IGNORED:ME", 1).array());
        send("127.0.0.1", new byte[5]);
        send("127.0.0.2", datagram().search("HEARD:ME", 2).array());
        receiveUntil(h, () -> !passed.isEmpty());
        assertThat(passed).containsExactly("6 127.0.0.2");
        assertThat(refusals.total(Channel.UDP)).isZero();
    }

    @Test
    void anExceptionFromCajIsCountedNotThrown() throws Exception {
        GuardedDatagramHandler h = handler();
        cajThrows = new IllegalStateException("boom");
        send("127.0.0.1", datagram().search("A:B", 1).array());
        receiveUntil(h, () -> refusals.total(Channel.UDP) == 1);
        cajThrows = null;
        send("127.0.0.1", datagram().search("A:B", 1).array());
        receiveUntil(h, () -> passed.size() == 1);
    }
}
