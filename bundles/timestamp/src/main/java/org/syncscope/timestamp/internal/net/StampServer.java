package org.syncscope.timestamp.internal.net;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The master's stamp server (drvTS TSstampServer): answers time requests on the master port with
 * its last sync time, current time, sync rate, clock rate and mask; a sync request forces a sync.
 */
public final class StampServer extends DatagramService {

    /** What the server reads from the clock for each reply. */
    public interface TimeSource {
        long lastSyncNanos();

        long currentTimeNanos();

        int syncRateSeconds();

        int clockHz();

        /** {@link TsPacket#MASK_FROM_NTP} / {@link TsPacket#MASK_OUT_OF_SYNC} bits. */
        int mask();

        /** A slave asked for a sync now. */
        void forceSync();
    }

    private final TimeSource time;
    private final byte[] reply = new byte[TsPacket.SIZE];

    public StampServer(InetSocketAddress bind, TimeSource time) throws IOException {
        this(bind, time, true);
    }

    public StampServer(InetSocketAddress bind, TimeSource time, boolean kernelTimestamps) throws IOException {
        super(bind, "timestamp-stamp-server", kernelTimestamps);
        this.time = time;
        start();
    }

    /** Requests answered (time requests replied to, sync requests passed on). */
    public long answered() {
        return handled();
    }

    /**
     * A time request is answered with the time it arrived (from its kernel stamp, in the unix_time
     * field) and the time the reply leaves (current_time), read as late as possible; allocates nothing.
     */
    @Override
    boolean handle(byte[] data, int length) throws IOException, MalformedPacketException {
        if (length != TsPacket.OLD_SIZE && length != TsPacket.SIZE) {
            throw new MalformedPacketException(length + " bytes; a drvTS packet has " + TsPacket.OLD_SIZE + " or "
                    + TsPacket.SIZE);
        }
        if (TsPacket.intAt(data, 0) != TsPacket.MAGIC) {
            throw new MalformedPacketException(String.format("magic 0x%08x is not 0x%08x ('TSdr')",
                    TsPacket.intAt(data, 0), TsPacket.MAGIC));
        }
        int type = TsPacket.intAt(data, 4);
        if (type == TsPacket.TIME_REQUEST) {
            int ip = socket.senderIpv4();
            int port = socket.senderPort();
            long age = socket.realtimeNanos() - socket.receivedAt();
            long arrived = time.currentTimeNanos() - age;
            long leaving = time.currentTimeNanos();
            TsPacket.writeTimeReply(reply, time.lastSyncNanos(), leaving, Math.min(arrived, leaving),
                    time.syncRateSeconds(), time.clockHz(), time.mask());
            socket.send(reply, reply.length, ip, port);
            return true;
        }
        if (type == TsPacket.SYNC_REQUEST) {
            time.forceSync();
            return true;
        }
        if (type != TsPacket.SYNC_MESSAGE) {
            throw new MalformedPacketException("type " + type + " is not 0, 1 or 2");
        }
        return false;
    }
}
