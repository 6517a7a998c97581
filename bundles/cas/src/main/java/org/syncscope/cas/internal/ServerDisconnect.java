package org.syncscope.cas.internal;

import com.cosylab.epics.caj.cas.CASTransport;
import gov.aps.jca.cas.ServerMonitor;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CA_PROTO_SERVER_DISCONN (command 27): tells a client that the server dropped one of its
 * channels, so the client marks it disconnected and searches again. CAJ's server never sends it,
 * so a withdrawn PV would look connected but silent to its clients. CAJ keeps the channel's
 * connection private (its request classes are not exported to OSGi); the monitor a client adds
 * holds it, so we read it from there.
 */
final class ServerDisconnect {

    private static final Logger LOG = LoggerFactory.getLogger(ServerDisconnect.class);
    private static final short CA_PROTO_SERVER_DISCONN = 27;
    private static final Field MONITOR_TRANSPORT = transportField();

    private ServerDisconnect() {
    }

    /** The client connection a monitor belongs to, when CAJ lets us see it. */
    static Optional<CASTransport> transportOf(ServerMonitor monitor) {
        if (MONITOR_TRANSPORT == null || !MONITOR_TRANSPORT.getDeclaringClass().isInstance(monitor)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable((CASTransport) MONITOR_TRANSPORT.get(monitor));
        } catch (IllegalAccessException e) {
            return Optional.empty();
        }
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

    private static Field transportField() {
        try {
            Field f = Class.forName("com.cosylab.epics.caj.cas.CASServerMonitor").getDeclaredField("transport");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("this CAJ version hides monitor connections ({}); clients of withdrawn PVs will not be told", e.toString());
            return null;
        }
    }
}
