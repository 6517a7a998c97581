package org.syncscope.timestamp.internal.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.syncscope.timestamp.internal.NanoClock;

/**
 * An SNTP (RFC 4330) client over one reused {@link StampedSocket}: one 48-byte mode-3 request,
 * the server's receive and transmit stamps, and the offset and round-trip delay computed the
 * standard way, with our send and receive times taken by the kernel where it can (converted to
 * our clock by their age). Replies are checked: server mode, stratum 1..15 (0 is a
 * kiss-o'-death), our own transmit time echoed as origin. {@link #exchange} allocates nothing; its
 * results are read from this object. One thread at a time.
 */
public final class SntpClient implements AutoCloseable {

    /** One measurement. offset = server − us; delay = network round trip. */
    public record Sample(long offsetNanos, long delayNanos, int stratum, long serverTimeNanos) {
    }

    private static final int PACKET = 48;

    private final NanoClock clock;
    private final Duration timeout;
    private final boolean kernelTimestamps;
    private final byte[] request = new byte[PACKET];
    private final byte[] reply = new byte[512];
    private volatile StampedSocket socket;
    private long offset;
    private long delay;
    private long sampleMono;
    private int stratum;
    private long serverTime;

    public SntpClient(NanoClock clock, Duration timeout) {
        this(clock, timeout, true);
    }

    public SntpClient(NanoClock clock, Duration timeout, boolean kernelTimestamps) {
        this.clock = clock;
        this.timeout = timeout;
        this.kernelTimestamps = kernelTimestamps;
    }

    /**
     * Asks {@code server} for the time.
     *
     * @throws SocketTimeoutException   no reply within the timeout
     * @throws MalformedPacketException a reply that is not a valid answer to this request
     */
    public Sample query(InetSocketAddress server) throws IOException, MalformedPacketException {
        if (!exchange(MasterClient.ipv4(server), server.getPort())) {
            throw new SocketTimeoutException("no answer from NTP server " + server + " within " + timeout.toMillis()
                    + " ms");
        }
        return new Sample(offset, delay, stratum, serverTime);
    }

    /**
     * One exchange with the server at {@code ipv4}:{@code port}, allocating nothing; the results are
     * then in {@link #offsetNanos()}, {@link #delayNanos()}, {@link #sampleMono()}.
     *
     * @return false when no answer came within the timeout
     * @throws MalformedPacketException a reply that is not a valid answer to this request
     */
    public boolean exchange(int ipv4, int port) throws IOException, MalformedPacketException {
        StampedSocket s = socket();
        s.drain(reply);
        request[0] = 0x23;   // LI 0, version 4, mode 3 (client)
        long origin = NtpTime.fromUnixNanos(clock.wallNanos());
        for (int i = 0; i < 8; i++) {
            request[40 + i] = (byte) (origin >>> (56 - 8 * i));
        }
        long sent = s.send(request, PACKET, ipv4, port);
        long t1 = clock.wallNanos() - (s.realtimeNanos() - sent);
        int n = s.receiveFrom(reply, ipv4, port, System.nanoTime() + timeout.toNanos());
        if (n < 0) {
            return false;
        }
        long age = s.realtimeNanos() - s.receivedAt();
        long t4 = clock.wallNanos() - age;
        sampleMono = clock.monotonicNanos() - age;
        decode(reply, n, origin, t1, t4, ipv4, port);
        return true;
    }

    private void decode(byte[] data, int length, long sentNtp, long t1, long t4, int ipv4, int port)
            throws MalformedPacketException {
        if (length < PACKET || (data[0] & 0x7) != 4 || longAt(data, 24) != sentNtp || (data[1] & 0xFF) == 0
                || (data[1] & 0xFF) > 15 || ((data[0] >> 3) & 0x7) < 3 || ((data[0] >> 3) & 0x7) > 4) {
            // the rare bad reply: the full check, which names what is wrong
            parse(data, length, sentNtp, t1, t4, MasterClient.ipv4Text(ipv4) + ":" + port);
        }
        stratum = data[1] & 0xFF;
        long t2 = NtpTime.toUnixNanos(intAt(data, 32), intAt(data, 36));
        long t3 = NtpTime.toUnixNanos(intAt(data, 40), intAt(data, 44));
        offset = ((t2 - t1) + (t3 - t4)) / 2;
        delay = (t4 - t1) - (t3 - t2);
        serverTime = t3;
    }

    private static long intAt(byte[] d, int i) {
        return TsPacket.intAt(d, i) & 0xFFFF_FFFFL;
    }

    private static long longAt(byte[] d, int i) {
        return intAt(d, i) << 32 | intAt(d, i + 4);
    }

    private StampedSocket socket() throws IOException {
        if (socket == null) {
            socket = StampedSockets.open("0.0.0.0", 0, kernelTimestamps);
        }
        return socket;
    }

    /** A client like this one with its own socket: for a console command beside the sync rounds. */
    public SntpClient another() {
        return new SntpClient(clock, timeout, kernelTimestamps);
    }

    /** server − us of the last exchange, ns. */
    public long offsetNanos() {
        return offset;
    }

    /** Round-trip delay of the last exchange (the server's handling time taken out), ns. */
    public long delayNanos() {
        return delay;
    }

    /** The monotonic time the last reply arrived. */
    public long sampleMono() {
        return sampleMono;
    }

    /** Which timestamps this client takes, with why when not the kernel's; "" before its first exchange. */
    public String stamping() {
        StampedSocket s = socket;
        return s == null ? "" : s.stamping();
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }

    static Sample parse(byte[] data, int length, long sentNtp, long t1, long t4, Object server)
            throws MalformedPacketException {
        if (length < PACKET) {
            throw new MalformedPacketException("NTP reply from " + server + " has " + length + " bytes, fewer than 48");
        }
        ByteBuffer b = ByteBuffer.wrap(data, 0, length);
        int mode = data[0] & 0x7;
        int version = (data[0] >> 3) & 0x7;
        int stratum = data[1] & 0xFF;
        if (mode != 4) {
            throw new MalformedPacketException("NTP reply from " + server + " has mode " + mode + ", not 4 (server)");
        }
        if (version < 3 || version > 4) {
            throw new MalformedPacketException("NTP reply from " + server + " has version " + version);
        }
        if (stratum == 0 || stratum > 15) {
            throw new MalformedPacketException("NTP server " + server + " answered stratum " + stratum
                    + (stratum == 0 ? " (kiss-o'-death)" : " (unsynchronised)"));
        }
        if (b.getLong(24) != sentNtp) {
            throw new MalformedPacketException("NTP reply from " + server + " does not echo our request");
        }
        long t2 = NtpTime.toUnixNanos(b.getInt(32), b.getInt(36));
        long t3 = NtpTime.toUnixNanos(b.getInt(40), b.getInt(44));
        long offset = ((t2 - t1) + (t3 - t4)) / 2;
        long delay = (t4 - t1) - (t3 - t2);
        return new Sample(offset, delay, stratum, t3);
    }
}
