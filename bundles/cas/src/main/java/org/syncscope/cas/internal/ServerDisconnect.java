package org.syncscope.cas.internal;

import com.cosylab.epics.caj.cas.CAJServerContext;
import com.cosylab.epics.caj.cas.CASTransport;
import gov.aps.jca.cas.ServerChannel;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CA_PROTO_SERVER_DISCONN (command 27): tells a client that the server dropped one of its
 * channels, so the client marks it disconnected and searches again. CAJ's server never sends it,
 * so a withdrawn PV would look connected but silent to its clients. CAJ keeps the client
 * connections in a registry whose type it does not export to OSGi, so we reach it by reflection
 * on its public methods and ask each connection whether it holds the channel.
 */
final class ServerDisconnect {

    private static final Logger LOG = LoggerFactory.getLogger(ServerDisconnect.class);
    private static final short CA_PROTO_SERVER_DISCONN = 27;

    private ServerDisconnect() {
    }

    /**
     * The client connection among {@code clients} holding {@code channel}. Looked up there, not
     * through the channel's monitors: CAJ sends a monitor's first value before it registers the
     * monitor, so a client can already hold data while the server still lists no monitor.
     */
    static Optional<CASTransport> transportOf(List<CASTransport> clients, ServerChannel channel) {
        for (CASTransport client : clients) {
            if (client.getChannel(channel.getSID()) == channel) {
                return Optional.of(client);
            }
        }
        return Optional.empty();
    }

    /** The server's client connections, from its connection registry. */
    static List<CASTransport> clients(CAJServerContext server) {
        List<CASTransport> out = new ArrayList<>();
        try {
            Object registry = server.getClass().getMethod("getTransportRegistry").invoke(server);
            if (registry != null) {
                for (Object t : (Object[]) registry.getClass().getMethod("toArray").invoke(registry)) {
                    if (t instanceof CASTransport client) {
                        out.add(client);
                    }
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("cannot list CA client connections ({}); clients of a withdrawn PV are not told", e.toString());
        }
        return out;
    }

    /**
     * Closes the client connections a destroyed context still holds: CAJ's acceptor may take one
     * while the context is destroyed (after its connections were closed), and then fails to hand it
     * to the stopped reactor ("Reactor is already shutdown"), leaving the socket open and unserved.
     * The client keeps using that connection for every channel to this address, so PVs of the
     * next server on the same port stay unreachable to it. Returns how many were closed.
     */
    static int closeLeftovers(CAJServerContext destroyed) {
        int closed = 0;
        for (CASTransport client : clients(destroyed)) {
            try {
                client.close(true);   // ends its event thread; its socket close is queued to the dead reactor
            } catch (RuntimeException e) {
                LOG.debug("closing a left-over CA client connection: {}", e.toString());
            }
            try {
                Field socket = CASTransport.class.getDeclaredField("channel");
                socket.setAccessible(true);
                ((Channel) socket.get(client)).close();
                closed++;
            } catch (ReflectiveOperationException | IOException | RuntimeException e) {
                LOG.warn("cannot close a left-over CA client connection from {}: {}", client.getRemoteAddress(), e.toString());
            }
        }
        return closed;
    }

    /** Sends the 16-byte CA header: command 27, parameter 1 = the client's channel id. */
    static void send(CASTransport client, int clientChannelId) {
        ByteBuffer header = ByteBuffer.allocate(16);   // big-endian, as Channel Access is
        header.putShort(CA_PROTO_SERVER_DISCONN).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                .putInt(clientChannelId).putInt(0);
        try {
            client.send(header);   // CASTransport.send flips the buffer and writes under its send lock
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not tell {} that channel {} is gone: {}", client.getRemoteAddress(), clientChannelId, e.toString());
        }
    }
}
