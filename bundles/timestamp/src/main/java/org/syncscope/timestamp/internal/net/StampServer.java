package org.syncscope.timestamp.internal.net;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's stamp server (drvTS TSstampServer): answers time requests on the master port with
 * its last sync time, current time, sync rate, clock rate and mask; a sync request forces a
 * sync. Malformed, foreign and unexpected datagrams are counted and dropped; nothing escapes the
 * receive loop.
 */
public final class StampServer implements AutoCloseable {

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

    private static final Logger LOG = LoggerFactory.getLogger(StampServer.class);

    private final DatagramSocket socket;
    private final TimeSource time;
    private final Thread loop;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    public StampServer(InetSocketAddress bind, TimeSource time) throws SocketException {
        this.socket = new DatagramSocket(bind);
        this.time = time;
        this.loop = new Thread(this::serve, "timestamp-stamp-server-" + socket.getLocalPort());
        loop.setDaemon(true);
        loop.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    public long answered() {
        return answered.get();
    }

    /** Datagrams dropped: malformed, foreign, or of a type a stamp server does not take. */
    public long dropped() {
        return dropped.get();
    }

    private void serve() {
        byte[] buffer = new byte[1500];
        while (!closed) {
            DatagramPacket in = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(in);
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("stamp server receive failed: {}", e.toString());
                }
                continue;
            }
            try {
                TsPacket request = TsPacket.decode(in.getData(), in.getLength());
                if (request.type() == TsPacket.TIME_REQUEST) {
                    byte[] reply = new TsPacket(TsPacket.TIME_REQUEST, time.lastSyncNanos(), time.currentTimeNanos(),
                            time.syncRateSeconds(), time.clockHz(), time.mask(), 0, 0).encode();
                    socket.send(new DatagramPacket(reply, reply.length, in.getSocketAddress()));
                    answered.incrementAndGet();
                } else if (request.type() == TsPacket.SYNC_REQUEST) {
                    time.forceSync();
                    answered.incrementAndGet();
                } else {
                    dropped.incrementAndGet();
                }
            } catch (MalformedPacketException bad) {
                dropped.incrementAndGet();
                LOG.debug("dropped a datagram from {}: {}", in.getSocketAddress(), bad.getMessage());
            } catch (IOException | RuntimeException e) {
                dropped.incrementAndGet();
                LOG.warn("stamp server could not answer {}: {}", in.getSocketAddress(), e.toString());
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
