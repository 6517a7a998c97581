package org.syncscope.timestamp.internal.net;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A slave's time request to a master (drvTS TSgetData): the round trip is measured on the
 * monotonic clock and half of it compensated, so the offset is the master's time minus ours at
 * the moment the master answered.
 */
public final class MasterClient {

    /**
     * One exchange with a master.
     *
     * @param offsetNanos master − us
     * @param roundTripNanos request to reply
     * @param reply the master's packet (sync rate, clock rate, mask)
     */
    public record Exchange(long offsetNanos, long roundTripNanos, TsPacket reply) {
    }

    /** A master found by broadcast, and the exchange that found it. */
    public record Discovery(InetSocketAddress master, Exchange exchange) {
    }

    private final LongSupplier ourTime;
    private final LongSupplier monotonic;
    private final Duration timeout;

    public MasterClient(LongSupplier ourTime, LongSupplier monotonic, Duration timeout) {
        this.ourTime = ourTime;
        this.monotonic = monotonic;
        this.timeout = timeout;
    }

    /**
     * drvTS master discovery: broadcasts a time request and takes the first valid reply, whoever
     * sends it. Junk received meanwhile is skipped.
     *
     * @throws java.net.SocketTimeoutException no master answered within the timeout
     */
    public Discovery discover(InetSocketAddress broadcast) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setBroadcast(true);
            long deadline = monotonic.getAsLong() + timeout.toNanos();
            byte[] request = TsPacket.timeRequest().encode();
            long ours = ourTime.getAsLong();
            long sent = monotonic.getAsLong();
            socket.send(new DatagramPacket(request, request.length, broadcast));
            byte[] buffer = new byte[1500];
            while (true) {
                long left = deadline - monotonic.getAsLong();
                if (left <= 0) {
                    throw new java.net.SocketTimeoutException("no master answered a broadcast to " + broadcast);
                }
                socket.setSoTimeout((int) Math.max(1, left / 1_000_000L));
                DatagramPacket in = new DatagramPacket(buffer, buffer.length);
                socket.receive(in);
                long roundTrip = monotonic.getAsLong() - sent;
                try {
                    TsPacket reply = TsPacket.decode(in.getData(), in.getLength());
                    if (reply.type() == TsPacket.TIME_REQUEST && reply.currentTimeNanos() != 0) {
                        return new Discovery((InetSocketAddress) in.getSocketAddress(),
                                new Exchange(reply.currentTimeNanos() - (ours + roundTrip / 2), roundTrip, reply));
                    }
                } catch (MalformedPacketException junk) {
                    // not a master's answer: keep listening
                }
            }
        }
    }

    /**
     * drvTS TSgetData: one time request to {@code master} and its answer.
     *
     * @throws java.net.SocketTimeoutException no answer within the timeout
     * @throws MalformedPacketException        an answer that is not a time reply
     */
    public Exchange query(InetSocketAddress master) throws IOException, MalformedPacketException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            socket.connect(master);
            byte[] request = TsPacket.timeRequest().encode();
            long ours = ourTime.getAsLong();
            long sent = monotonic.getAsLong();
            socket.send(new DatagramPacket(request, request.length));
            byte[] buffer = new byte[1500];
            DatagramPacket in = new DatagramPacket(buffer, buffer.length);
            socket.receive(in);
            long roundTrip = monotonic.getAsLong() - sent;
            TsPacket reply = TsPacket.decode(in.getData(), in.getLength());
            if (reply.type() != TsPacket.TIME_REQUEST || reply.currentTimeNanos() == 0) {
                throw new MalformedPacketException("reply from " + master + " carries no current time (type "
                        + reply.type() + ")");
            }
            long offset = reply.currentTimeNanos() - (ours + roundTrip / 2);
            return new Exchange(offset, roundTrip, reply);
        }
    }
}
