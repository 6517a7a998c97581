package org.syncscope.timestamp.internal.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A UDP port that takes drvTS datagrams on its own thread, over a {@link StampedSocket} (each
 * datagram's arrival time is the kernel's where it can be): each datagram goes to {@link #handle};
 * malformed, foreign and unwanted datagrams are counted and dropped, and nothing thrown while
 * handling one ends the loop. The loop allocates nothing of its own.
 */
abstract class DatagramService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatagramService.class);

    protected final StampedSocket socket;
    private final Thread loop;
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    DatagramService(InetSocketAddress bind, String name, boolean kernelTimestamps) throws IOException {
        this.socket = StampedSockets.open(bind.getAddress() == null ? bind.getHostString()
                : bind.getAddress().getHostAddress(), bind.getPort(), kernelTimestamps);
        this.loop = new Thread(this::serve, name + "-" + socket.localPort());
        loop.setDaemon(true);
    }

    /** Starts the receive thread; called by subclasses once they are fully built. */
    final void start() {
        loop.start();
    }

    /**
     * Handles one datagram, {@code length} bytes of {@code data}; {@link #socket} tells its sender
     * and arrival time.
     *
     * @return false if this service does not take packets of this kind (counted as dropped)
     * @throws MalformedPacketException not a drvTS packet (counted as dropped)
     */
    abstract boolean handle(byte[] data, int length) throws IOException, MalformedPacketException;

    /** The last datagram's sender, for a log line. */
    final String sender() {
        return MasterClient.ipv4Text(socket.senderIpv4()) + ":" + socket.senderPort();
    }

    public int port() {
        return socket.localPort();
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
            int length;
            try {
                length = socket.receive(buffer, 200);
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("{} receive failed: {}", loop.getName(), e.toString());
                }
                continue;
            }
            if (length < 0) {
                continue;   // nothing within 200 ms: look at closed again
            }
            try {
                if (handle(buffer, length)) {
                    handled.incrementAndGet();
                } else {
                    dropped.incrementAndGet();
                }
            } catch (MalformedPacketException bad) {
                dropped.incrementAndGet();
                LOG.debug("dropped a datagram from {}: {}", sender(), bad.getMessage());
            } catch (IOException | RuntimeException e) {
                dropped.incrementAndGet();
                LOG.warn("{}: datagram from {} not handled: {}", loop.getName(), sender(), e.toString());
            }
        }
    }

    /** Which timestamps this port takes, with why when not the kernel's. */
    public String stamping() {
        return socket.stamping();
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
