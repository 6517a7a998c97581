package org.syncscope.timestamp.internal.net;

import java.net.InetSocketAddress;
import java.io.IOException;
import java.util.function.LongConsumer;

/**
 * A synchronous slave's listener on the slave port: each sync message's master time goes to the
 * engine, which compares it with its own sync-event time and steps to it if they differ. Messages
 * from a master that says it is out of sync are dropped.
 */
public final class SyncListener extends DatagramService {

    private final LongConsumer masterSyncTime;

    public SyncListener(InetSocketAddress bind, LongConsumer masterSyncTime) throws IOException {
        this(bind, masterSyncTime, true);
    }

    public SyncListener(InetSocketAddress bind, LongConsumer masterSyncTime, boolean kernelTimestamps)
            throws IOException {
        super(bind, "timestamp-sync-listener", kernelTimestamps);
        this.masterSyncTime = masterSyncTime;
        start();
    }

    /** Sync messages taken. */
    public long received() {
        return handled();
    }

    @Override
    boolean handle(byte[] data, int length) throws MalformedPacketException {
        TsPacket p = TsPacket.decode(data, length);
        if (p.type() != TsPacket.SYNC_MESSAGE || p.masterTimeNanos() == 0 || p.outOfSync()) {
            return false;
        }
        masterSyncTime.accept(p.masterTimeNanos());
        return true;
    }
}
