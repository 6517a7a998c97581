package org.syncscope.timestamp.internal.net;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A synchronous master's sync server (drvTS TSsyncServer): at every counter-reset event it sends
 * the sync time as a type-2 message to the slaves' port: to the configured {@code slaveAddresses}
 * (loopback and routed networks), or broadcast as the original did when none are configured.
 */
public final class SyncSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncSender.class);

    private final DatagramSocket socket;
    private final List<InetSocketAddress> slaves;

    public SyncSender(List<InetSocketAddress> slaves) throws SocketException {
        this.socket = new DatagramSocket();
        socket.setBroadcast(true);
        this.slaves = List.copyOf(slaves);
    }

    /** Sends one sync message to every slave; a slave that cannot be reached is logged, not fatal. */
    public void send(TsPacket message) {
        byte[] data = message.encode();
        for (InetSocketAddress slave : slaves) {
            try {
                socket.send(new DatagramPacket(data, data.length, slave));
            } catch (IOException e) {
                LOG.debug("sync message to {} not sent: {}", slave, e.toString());
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
