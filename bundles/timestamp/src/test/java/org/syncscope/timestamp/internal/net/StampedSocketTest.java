package org.syncscope.timestamp.internal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.syncscope.timestamp.internal.net.StampedSocket.Kind;

/**
 * {@link StampedSockets} over loopback, kernel-stamped (this build runs on 64-bit Linux, where JNA
 * is on the test class path) and user-stamped. Ports are ephemeral.
 */
class StampedSocketTest {

    private static final int LOOPBACK = 0x7f000001;

    private static StampedSocket open(boolean kernel) throws IOException {
        return StampedSockets.open("127.0.0.1", 0, kernel);
    }

    /** Waits for a datagram without taking it. */
    private static boolean readable(StampedSocket socket, int timeoutMs) throws IOException {
        if (socket instanceof KernelStampedSocket) {
            return ((KernelStampedSocket) socket).readable(timeoutMs);
        }
        return ((JavaStampedSocket) socket).readable(timeoutMs);
    }

    @Test
    void kernelTimestampsOnLinuxAndUserOnesWhenNotAskedFor() throws IOException {
        try (StampedSocket kernel = open(true); StampedSocket user = open(false)) {
            assertThat(kernel.kind()).as(kernel.kindReason()).isEqualTo(Kind.KERNEL);
            assertThat(kernel.kindReason()).isEmpty();
            assertThat(kernel.localPort()).isPositive();
            assertThat(user.kind()).isEqualTo(Kind.USER);
            assertThat(user.kindReason()).contains("kernelTimestamps = false");
            assertThat(user.kind().describe()).contains("user-space");
        }
    }

    @ParameterizedTest(name = "kernel timestamps {0}")
    @ValueSource(booleans = {true, false})
    void aDatagramCarriesTheTimesItLeftAndArrived(boolean kernel) throws IOException {
        try (StampedSocket a = open(kernel); StampedSocket b = open(kernel)) {
            byte[] payload = "drvTS time request".getBytes(StandardCharsets.US_ASCII);
            long before = a.realtimeNanos();
            long sent = a.send(payload, payload.length, LOOPBACK, b.localPort());
            long afterSend = a.realtimeNanos();
            assertThat(sent).isBetween(before, afterSend);

            assertThat(readable(b, 10_000)).isTrue();
            long arrivedBy = b.realtimeNanos();
            byte[] buf = new byte[100];
            int length = b.receive(buf, 1_000);

            assertThat(length).isEqualTo(payload.length);
            assertThat(Arrays.copyOf(buf, length)).isEqualTo(payload);
            assertThat(b.senderIpv4()).isEqualTo(LOOPBACK);
            assertThat(b.senderPort()).isEqualTo(a.localPort());
            if (kernel) {
                assertThat(b.receivedAt()).as("the kernel's arrival stamp, not the time it was read")
                        .isBetween(sent, arrivedBy);
            } else {
                assertThat(b.receivedAt()).as("user stamps are taken when the JVM gets the datagram")
                        .isGreaterThanOrEqualTo(arrivedBy);
            }
        }
    }

    @ParameterizedTest(name = "kernel timestamps {0}")
    @ValueSource(booleans = {true, false})
    void receiveTimesOutAndCutsLongDatagrams(boolean kernel) throws IOException {
        try (StampedSocket a = open(kernel); StampedSocket b = open(kernel)) {
            byte[] buf = new byte[10];
            assertThat(b.receive(buf, 0)).isEqualTo(-1);
            assertThat(b.receive(buf, 20)).isEqualTo(-1);

            byte[] longer = new byte[100];
            for (int i = 0; i < longer.length; i++) {
                longer[i] = (byte) i;
            }
            a.send(longer, longer.length, LOOPBACK, b.localPort());
            assertThat(b.receive(buf, 10_000)).isEqualTo(buf.length);
            assertThat(buf).isEqualTo(Arrays.copyOf(longer, buf.length));
            assertThat(b.receive(buf, 0)).as("the rest of it is gone").isEqualTo(-1);
        }
    }

    @ParameterizedTest(name = "kernel timestamps {0}")
    @ValueSource(booleans = {true, false})
    void closeWakesAWaitingReceive(boolean kernel) throws Exception {
        StampedSocket socket = open(kernel);
        AtomicReference<Object> result = new AtomicReference<>();
        Thread receiver = new Thread(() -> {
            try {
                result.set(socket.receive(new byte[10], 10_000));
            } catch (IOException e) {
                result.set(e);
            }
        });
        receiver.start();
        Awaitility.await().until(() -> Arrays.stream(receiver.getStackTrace())
                .anyMatch(frame -> frame.getMethodName().equals("receive")));
        socket.close();
        socket.close();
        receiver.join(5_000);

        assertThat(receiver.isAlive()).isFalse();
        if (result.get() instanceof Exception) {
            assertThat((Exception) result.get()).isInstanceOf(SocketException.class).hasMessageContaining("closed");
        } else {
            assertThat(result.get()).isEqualTo(-1);
        }
        assertThatThrownBy(() -> socket.receive(new byte[10], 0)).hasMessageContaining("closed");
    }

    @ParameterizedTest(name = "kernel timestamps {0}")
    @ValueSource(booleans = {true, false})
    void aBusyPortIsNamedAndNeverFallenBackFrom(boolean kernel) throws IOException {
        try (StampedSocket holder = open(kernel)) {
            assertThatThrownBy(() -> StampedSockets.open("127.0.0.1", holder.localPort(), kernel))
                    .isInstanceOf(SocketException.class)
                    .hasMessageContaining("127.0.0.1:" + holder.localPort())
                    .hasMessageContaining("in use");
        }
    }

    @Test
    void theKernelHotPathAllocatesNothing() throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (StampedSocket a = open(true); StampedSocket b = open(true)) {
            assertThat(a.kind()).isEqualTo(Kind.KERNEL);
            byte[] out = new byte[48];
            byte[] in = new byte[64];
            long sink = roundTrips(a, b, out, in, 1_000);
            long start = threads.getCurrentThreadAllocatedBytes();
            sink += roundTrips(a, b, out, in, 1_000);
            long allocated = threads.getCurrentThreadAllocatedBytes() - start;
            double perTrip = allocated / 1_000.0;
            System.out.printf("StampedSocket kernel round trip: %.1f bytes allocated on average (%d in all, %d)%n",
                    perTrip, allocated, sink & 1);
            assertThat(start).as("this JVM measures allocation").isPositive();
            assertThat(perTrip).isLessThan(64);
        }
    }

    private static long roundTrips(StampedSocket a, StampedSocket b, byte[] out, byte[] in, int count)
            throws IOException {
        long sink = 0;
        for (int i = 0; i < count; i++) {
            out[0] = (byte) i;
            long sent = a.send(out, out.length, LOOPBACK, b.localPort());
            if (b.receive(in, 10_000) != out.length || in[0] != (byte) i) {
                fail("round trip " + i + " lost its datagram");
            }
            sink += b.receivedAt() - sent + b.senderPort() + b.senderIpv4() + a.realtimeNanos();
        }
        return sink;
    }
}
