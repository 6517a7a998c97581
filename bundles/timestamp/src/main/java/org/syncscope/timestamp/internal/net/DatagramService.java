package org.syncscope.timestamp.internal.net;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A UDP port that takes drvTS datagrams on its own thread: each valid packet goes to
 * {@link #handle}; malformed, foreign and unwanted datagrams are counted and dropped, and nothing
 * thrown while handling one ends the loop.
 */
abstract class DatagramService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatagramService.class);

    protected final DatagramSocket socket;
    private final Thread loop;
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    DatagramService(InetSocketAddress bind, String name) throws SocketException {
        this.socket = new DatagramSocket(bind);
        this.loop = new Thread(this::serve, name + "-" + socket.getLocalPort());
        loop.setDaemon(true);
    }

    /** Starts the receive thread; called by subclasses once they are fully built. */
    final void start() {
        loop.start();
    }

    /**
     * Handles one valid packet.
     *
     * @return false if this service does not take packets of this kind (counted as dropped)
     */
    abstract boolean handle(TsPacket packet, SocketAddress from) throws IOException;

    public int port() {
        return socket.getLocalPort();
    }

    /** Packets taken. */
    public long handled() {
        return handled.get();
    }

    /** Datagrams dropped: malformed, foreign, or of a type this port does not take. */
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
                    LOG.warn("{} receive failed: {}", loop.getName(), e.toString());
                }
                continue;
            }
            try {
                if (handle(TsPacket.decode(in.getData(), in.getLength()), in.getSocketAddress())) {
                    handled.incrementAndGet();
                } else {
                    dropped.incrementAndGet();
                }
            } catch (MalformedPacketException bad) {
                dropped.incrementAndGet();
                LOG.debug("dropped a datagram from {}: {}", in.getSocketAddress(), bad.getMessage());
            } catch (IOException | RuntimeException e) {
                dropped.incrementAndGet();
                LOG.warn("{}: datagram from {} not handled: {}", loop.getName(), in.getSocketAddress(), e.toString());
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
