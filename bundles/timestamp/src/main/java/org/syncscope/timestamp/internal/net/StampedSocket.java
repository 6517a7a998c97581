package org.syncscope.timestamp.internal.net;

import java.io.IOException;

/**
 * A UDP socket whose datagrams carry the time they crossed the wire, for the NTP and drvTS client
 * and server. Java's {@code DatagramChannel} has no kernel timestamps, so on Linux
 * {@link StampedSockets#open} gives a {@link KernelStampedSocket} (libc through JNA) and falls
 * back to {@link JavaStampedSocket} elsewhere; {@link #kind()} says which stamps a socket gives.
 *
 * <p>Every stamp is CLOCK_REALTIME in ns since the Unix epoch. A caller converts one to its own
 * clock by its age: {@code realtimeNanos() - stamp} ns before now. One thread may send while
 * another receives; the values read after a receive belong to the thread that received.
 */
public interface StampedSocket extends AutoCloseable {

    /** Where the stamps come from. */
    enum Kind {
        KERNEL("kernel software timestamps (SO_TIMESTAMPING, receive and transmit)"),
        KERNEL_RX("kernel receive timestamps (SO_TIMESTAMPNS), transmit time taken before send"),
        USER("user-space timestamps (Java DatagramChannel): taken by the JVM around send and receive");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        /** The text for a report. */
        public String describe() {
            return description;
        }
    }

    Kind kind();

    /** Why this kind: "" for {@link Kind#KERNEL}, else why not a better one. */
    String kindReason();

    int localPort();

    /**
     * Sends bytes [0, len) of buf to the IPv4 address (host order, e.g. 0x7f000001) and port.
     *
     * @return the CLOCK_REALTIME ns at which it left: the kernel's transmit stamp for
     *         {@link Kind#KERNEL} (waited for up to ~5 ms; without it, the time taken just before
     *         sending), else the time taken just before sending
     */
    long send(byte[] buf, int len, int ipv4, int port) throws IOException;

    /**
     * Waits at most timeoutMillis (0: no wait) for one datagram and copies it into buf; a longer
     * datagram is cut to buf's length.
     *
     * @return its length (as cut), or -1 on timeout
     * @throws java.net.SocketException "socket closed" when closed before or during the wait
     */
    int receive(byte[] buf, int timeoutMillis) throws IOException;

    /**
     * After a receive: the CLOCK_REALTIME ns of arrival, the kernel's receive stamp for the kernel
     * kinds, the time taken right after the JVM got the datagram for {@link Kind#USER} (and for a
     * datagram the kernel gave no stamp).
     */
    long receivedAt();

    /** After a receive: the sender's IPv4 address, host order. */
    int senderIpv4();

    /** After a receive: the sender's port. */
    int senderPort();

    /** CLOCK_REALTIME now, ns since the Unix epoch, read the way the stamps are. */
    long realtimeNanos();

    /** Idempotent; a thread waiting in {@link #receive} returns within 200 ms. */
    @Override
    void close();


    /** The kind for a report, with why when it is not the kernel's. */
    default String stamping() {
        return kind().describe() + (kindReason().isEmpty() ? "" : " (" + kindReason() + ")");
    }

    /** Drops what is waiting (late answers to earlier requests), without waiting. */
    default void drain(byte[] buf) throws IOException {
        while (receive(buf, 0) >= 0) {
            // not an answer to the request about to be sent
        }
    }

    /**
     * Waits until monotonic {@code deadline} (System.nanoTime) for a datagram from {@code ipv4}:
     * {@code port}, dropping any from elsewhere; its length, or -1 when none came.
     */
    default int receiveFrom(byte[] buf, int ipv4, int port, long deadline) throws IOException {
        while (true) {
            long left = deadline - System.nanoTime();
            int n = left <= 0 ? -1 : receive(buf, (int) Math.max(1, left / 1_000_000));
            if (n < 0 || (senderIpv4() == ipv4 && senderPort() == port)) {
                return n;
            }
        }
    }
}
