package org.syncscope.timestamp.internal.net;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A synchronous slave's listener on the slave port: each sync message's master time goes to the
 * engine, which compares it with its own sync-event time and steps to it if they differ.
 * Malformed, foreign and unexpected datagrams are counted and dropped; nothing escapes the loop.
 */
public final class SyncListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncListener.class);

    private final DatagramSocket socket;
    private final LongConsumer masterSyncTime;
    private final Thread loop;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    public SyncListener(InetSocketAddress bind, LongConsumer masterSyncTime) throws SocketException {
        this.socket = new DatagramSocket(bind);
        this.masterSyncTime = masterSyncTime;
        this.loop = new Thread(this::listen, "timestamp-sync-listener-" + socket.getLocalPort());
        loop.setDaemon(true);
        loop.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    public long received() {
        return received.get();
    }

    public long dropped() {
        return dropped.get();
    }

    private void listen() {
        byte[] buffer = new byte[1500];
        while (!closed) {
            DatagramPacket in = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(in);
                TsPacket p = TsPacket.decode(in.getData(), in.getLength());
                if (p.type() == TsPacket.SYNC_MESSAGE && p.masterTimeNanos() != 0 && !p.outOfSync()) {
                    received.incrementAndGet();
                    masterSyncTime.accept(p.masterTimeNanos());
                } else {
                    dropped.incrementAndGet();
                }
            } catch (MalformedPacketException bad) {
                dropped.incrementAndGet();
                LOG.debug("dropped a datagram from {}: {}", in.getSocketAddress(), bad.getMessage());
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("sync listener receive failed: {}", e.toString());
                }
            } catch (RuntimeException e) {
                dropped.incrementAndGet();
                LOG.warn("sync message from {} could not be applied: {}", in.getSocketAddress(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
        try {
            loop.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
