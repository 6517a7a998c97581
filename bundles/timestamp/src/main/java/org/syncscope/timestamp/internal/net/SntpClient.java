package org.syncscope.timestamp.internal.net;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.syncscope.timestamp.internal.NanoClock;

/**
 * A simple SNTP (RFC 4330) client: one 48-byte mode-3 request, the server's receive and transmit
 * stamps, and the offset and round-trip delay computed the standard way. Replies are checked:
 * server mode, stratum 1..15 (0 is a kiss-o'-death), our own transmit time echoed as origin.
 */
public final class SntpClient {

    /** One measurement. offset = server − us; delay = network round trip. */
    public record Sample(long offsetNanos, long delayNanos, int stratum, long serverTimeNanos) {
    }

    private static final int PACKET = 48;

    private final NanoClock clock;
    private final Duration timeout;

    public SntpClient(NanoClock clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
    }

    /**
     * Asks {@code server} for the time.
     *
     * @throws SocketTimeoutException   no reply within the timeout
     * @throws MalformedPacketException a reply that is not a valid answer to this request
     */
    public Sample query(InetSocketAddress server) throws IOException, MalformedPacketException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            socket.connect(server);
            byte[] request = new byte[PACKET];
            request[0] = 0x23;   // LI 0, version 4, mode 3 (client)
            long t1 = clock.wallNanos();
            long t1Ntp = NtpTime.fromUnixNanos(t1);
            ByteBuffer.wrap(request).putLong(40, t1Ntp);
            socket.send(new DatagramPacket(request, PACKET));
            byte[] reply = new byte[512];
            DatagramPacket in = new DatagramPacket(reply, reply.length);
            socket.receive(in);
            long t4 = clock.wallNanos();
            return parse(reply, in.getLength(), t1Ntp, t1, t4, server);
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
