package org.syncscope.timestamp.internal.net;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;

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

    public StampServer(InetSocketAddress bind, TimeSource time) throws SocketException {
        super(bind, "timestamp-stamp-server");
        this.time = time;
        start();
    }

    /** Requests answered (time requests replied to, sync requests passed on). */
    public long answered() {
        return handled();
    }

    @Override
    boolean handle(TsPacket request, SocketAddress from) throws IOException {
        if (request.type() == TsPacket.TIME_REQUEST) {
            byte[] reply = new TsPacket(TsPacket.TIME_REQUEST, time.lastSyncNanos(), time.currentTimeNanos(),
                    time.syncRateSeconds(), time.clockHz(), time.mask(), 0, 0).encode();
            socket.send(new DatagramPacket(reply, reply.length, from));
            return true;
        }
        if (request.type() == TsPacket.SYNC_REQUEST) {
            time.forceSync();
            return true;
        }
        return false;
    }
}
