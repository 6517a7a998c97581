package org.syncscope.timestamp.internal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.syncscope.timestamp.internal.NanoClock;

/**
 * Our SNTP client against a real NTP server: chronyd (Debian chrony) started here on a loopback
 * high port with -x, so it never touches the system clock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SntpClientChronyTest {

    private static final int NTP_PORT = 12323;
    private Chrony chrony;

    @BeforeAll
    void startChrony() throws Exception {
        chrony = new Chrony(NTP_PORT);
        chrony.start();
    }

    @AfterAll
    void stopChrony() throws Exception {
        if (chrony != null) {
            chrony.close();
        }
    }

    @Test
    void chronyAgreesWithTheSystemClock() throws Exception {
        SntpClient.Sample s = chrony.shortestOfNine(new SntpClient(NanoClock.SYSTEM, Duration.ofSeconds(2)));
        assertThat(s.stratum()).isEqualTo(8);
        assertThat(s.delayNanos()).isBetween(0L, 50_000_000L);
        // an SNTP offset is exact to half the round trip
        assertThat(Math.abs(s.offsetNanos())).as("offset %d ns", s.offsetNanos()).isLessThan(s.delayNanos() / 2 + 1_000_000L);
    }

    @Test
    void aClientClockOneSecondBehindSeesPlusOneSecond() throws Exception {
        NanoClock behind = NanoClock.systemShiftedBy(-1_000_000_000L);
        SntpClient.Sample s = chrony.shortestOfNine(new SntpClient(behind, Duration.ofSeconds(2)));
        assertThat(Math.abs(s.offsetNanos() - 1_000_000_000L)).as("offset %d ns", s.offsetNanos())
                .isLessThan(s.delayNanos() / 2 + 1_000_000L);
    }

    @Test
    void badRepliesAreRefusedNamingWhy() throws Exception {
        try (DatagramSocket fake = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try {
                    byte[] buf = new byte[48];
                    DatagramPacket p = new DatagramPacket(buf, 48);
                    fake.receive(p);
                    byte[] reply = new byte[48];
                    reply[0] = 0x24;   // version 4, mode 4
                    reply[1] = 0;      // stratum 0: kiss-o'-death
                    fake.send(new DatagramPacket(reply, 48, p.getSocketAddress()));
                } catch (IOException ignored) {
                    // the test fails on its own if no reply comes
                }
            });
            server.start();
            SntpClient client = new SntpClient(NanoClock.SYSTEM, Duration.ofSeconds(2));
            assertThatThrownBy(() -> client.query((InetSocketAddress) fake.getLocalSocketAddress()))
                    .isInstanceOf(MalformedPacketException.class).hasMessageContaining("kiss-o'-death");
            server.join(5000);
        }
        assertThatThrownBy(() -> SntpClient.parse(new byte[20], 20, 0, 0, 0, "x")).hasMessageContaining("20 bytes");
    }
}
