package org.syncscope.timestamp.internal.net;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A slave's time request to a master (drvTS TSgetData) over one reused {@link StampedSocket}: the
 * request leaves and the reply arrives at times the kernel stamps where it can, converted to our
 * clock by their age. From a Syncscope master, whose reply carries its time at the request's
 * arrival too, the offset is NTP's ((T2 − t1) + (T3 − t4)) / 2 and the master's handling time is
 * not part of the delay; from another master, half the round trip is compensated. The exchange
 * itself allocates nothing: its results are read from this object ({@link #offsetNanos()} ...).
 * One thread at a time.
 */
public final class MasterClient implements AutoCloseable {

    /**
     * One exchange with a master.
     *
     * @param offsetNanos master − us
     * @param roundTripNanos request to reply, less the master's handling time when it says it
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
    private final boolean kernelTimestamps;
    private final byte[] request = TsPacket.timeRequest().encode();
    private final byte[] buffer = new byte[1500];
    private volatile StampedSocket socket;
    private int length;
    private long offset;
    private long roundTrip;
    private long sampleMono;
    private int mask;

    public MasterClient(LongSupplier ourTime, LongSupplier monotonic, Duration timeout) {
        this(ourTime, monotonic, timeout, true);
    }

    public MasterClient(LongSupplier ourTime, LongSupplier monotonic, Duration timeout, boolean kernelTimestamps) {
        this.ourTime = ourTime;
        this.monotonic = monotonic;
        this.timeout = timeout;
        this.kernelTimestamps = kernelTimestamps;
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
        if (!exchange(ipv4(master), master.getPort())) {
            throw new SocketTimeoutException("no answer from master " + master + " within " + timeout.toMillis() + " ms");
        }
        return new Exchange(offset, roundTrip, TsPacket.decode(buffer, length));
    }

    /**
     * One exchange with the master at {@code ipv4}:{@code port}, allocating nothing; the results
     * are then in {@link #offsetNanos()}, {@link #roundTripNanos()}, {@link #sampleMono()},
     * {@link #outOfSync()}.
     *
     * @return false when no answer came within the timeout
     * @throws MalformedPacketException an answer that is not a time reply
     */
    public boolean exchange(int ipv4, int port) throws IOException, MalformedPacketException {
        StampedSocket s = socket();
        s.drain(buffer);
        long sent = s.send(request, request.length, ipv4, port);
        long t1 = ours(s, sent);
        int n = s.receiveFrom(buffer, ipv4, port, System.nanoTime() + timeout.toNanos());
        if (n < 0) {
            return false;
        }
        long age = s.realtimeNanos() - s.receivedAt();
        long t4 = ourTime.getAsLong() - age;
        sampleMono = monotonic.getAsLong() - age;
        length = n;
        parse(t1, t4);
        return true;
    }

    private void parse(long t1, long t4) throws MalformedPacketException {
        if (length != TsPacket.OLD_SIZE && length != TsPacket.SIZE) {
            throw new MalformedPacketException(length + " bytes; a drvTS packet has " + TsPacket.OLD_SIZE + " or "
                    + TsPacket.SIZE);
        }
        if (TsPacket.intAt(buffer, 0) != TsPacket.MAGIC || TsPacket.intAt(buffer, 4) != TsPacket.TIME_REQUEST) {
            throw new MalformedPacketException("not a time reply (magic or type)");
        }
        long t3 = TsPacket.timeAt(buffer, 16, "current_time");
        if (t3 == 0) {
            throw new MalformedPacketException("time reply carries no current time");
        }
        long t2 = TsPacket.timeAt(buffer, TsPacket.UNIX_TIME_OFFSET, "unix_time");
        mask = length == TsPacket.SIZE ? TsPacket.intAt(buffer, 40) : 0;
        if (t2 != 0 && t2 <= t3) {
            offset = ((t2 - t1) + (t3 - t4)) / 2;
            roundTrip = Math.max(0, (t4 - t1) - (t3 - t2));
        } else {
            roundTrip = t4 - t1;
            offset = t3 - (t1 + roundTrip / 2);
        }
    }

    /** Our clock's time at a realtime stamp taken moments ago. */
    private long ours(StampedSocket s, long realtimeStamp) {
        return ourTime.getAsLong() - (s.realtimeNanos() - realtimeStamp);
    }

    private StampedSocket socket() throws IOException {
        if (socket == null) {
            socket = StampedSockets.open("0.0.0.0", 0, kernelTimestamps);
        }
        return socket;
    }

    /** A client like this one with its own socket: for a console command beside the sync rounds. */
    public MasterClient another() {
        return new MasterClient(ourTime, monotonic, timeout, kernelTimestamps);
    }

    /** master − us of the last exchange, ns. */
    public long offsetNanos() {
        return offset;
    }

    /** Round trip of the last exchange, ns (the master's handling time taken out when it says it). */
    public long roundTripNanos() {
        return roundTrip;
    }

    /** The monotonic time the last reply arrived. */
    public long sampleMono() {
        return sampleMono;
    }

    /** Whether the last reply said the master is out of sync. */
    public boolean outOfSync() {
        return (mask & TsPacket.MASK_OUT_OF_SYNC) != 0;
    }

    /** Which timestamps this client takes, with why when not the kernel's; "" before its first exchange. */
    public String stamping() {
        StampedSocket s = socket;
        return s == null ? "" : s.stamping();
    }

    /** a.b.c.d of a host-order IPv4 address. */
    static String ipv4Text(int ipv4) {
        return (ipv4 >>> 24) + "." + (ipv4 >>> 16 & 0xff) + "." + (ipv4 >>> 8 & 0xff) + "." + (ipv4 & 0xff);
    }

    /** The host-order IPv4 address, 0 when it is none (unresolved, IPv6). */
    static int ipv4OrZero(InetSocketAddress address) {
        try {
            return ipv4(address);
        } catch (IOException notIpv4) {
            return 0;
        }
    }

    static int ipv4(InetSocketAddress address) throws IOException {
        if (address.isUnresolved() || !(address.getAddress() instanceof java.net.Inet4Address)) {
            throw new IOException(address + " is not an IPv4 address");
        }
        byte[] a = address.getAddress().getAddress();
        return (a[0] & 0xff) << 24 | (a[1] & 0xff) << 16 | (a[2] & 0xff) << 8 | a[3] & 0xff;
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }
}
