package org.syncscope.cas.internal.guard;

import com.cosylab.epics.caj.cas.CASTransport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's TCP connection: our reader checks and cuts its stream, CAJ's transport answers
 * the messages. The reactor gives its events to this connection one at a time, never CAJ's own
 * unguarded read loop. Any refusal closes the connection, which ends CAJ's event dispatcher
 * thread for it and frees the socket.
 */
final class GuardedConnection implements CaFrameReader.Sink {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedConnection.class);
    private static final short CREATE_CH_FAIL = 26;
    private static final int CLEAR_CHANNEL = 12;

    private final SocketChannel socket;
    private final InetSocketAddress remote;
    private final CASTransport transport;
    private final Object responseHandler;
    private final CajAccess caj;
    private final TcpLimits limits;
    private final MalformedInput malformed;
    private final CaFrameReader reader;
    private final ByteBuffer[] message = new ByteBuffer[2];
    /** Subscription id to channel id: what this client monitors (bounded by the limit). */
    private final Map<Integer, Integer> monitors = new HashMap<>();
    private final long acceptedNanos = System.nanoTime();
    private volatile long lastMessageNanos;
    private volatile boolean greeted;
    private volatile boolean closed;

    GuardedConnection(SocketChannel socket, CajAccess caj, TcpLimits limits, MalformedInput malformed) throws Exception {
        this.socket = socket;
        this.remote = (InetSocketAddress) socket.getRemoteAddress();
        this.caj = caj;
        this.limits = limits;
        this.malformed = malformed;
        this.reader = new CaFrameReader(new CaStreamGuard(limits));
        this.transport = caj.newTransport(socket);
        this.responseHandler = caj.responseHandler(transport);
    }

    CASTransport transport() {
        return transport;
    }

    boolean isOpen() {
        return !closed && socket.isOpen();
    }

    /** A reactor event on the socket. */
    void handleEvent(SelectionKey key) {
        if (key.isValid() && key.isReadable()) {
            readable();
        }
        if (!closed && key.isValid() && key.isWritable()) {
            try {
                caj.processWrite(transport);
            } catch (Exception e) {
                close();
            }
        }
    }

    private void readable() {
        CaFrameReader.Result result;
        try {
            result = reader.read(socket, this);
        } catch (IOException e) {
            close();
            return;
        }
        if (result == CaFrameReader.Result.EOF) {
            close();
        } else if (result == CaFrameReader.Result.REFUSED) {
            refuse(reader.refusal());
        }
    }

    @Override
    public boolean message(ByteBuffer header, ByteBuffer payload) {
        greeted = true;
        lastMessageNanos = System.nanoTime();
        int command = CaStreamGuard.command(header);
        if (command == CaStreamGuard.CREATE_CHAN && transport.getChannelCount() >= limits.maxChannelsPerClient()) {
            malformed.refused(MalformedInput.Channel.TCP, address(), "a channel over maxChannelsPerClient "
                    + limits.maxChannelsPerClient() + " (answered: create failed)");
            sendCreateFailed(header.getInt(8));
            return true;
        }
        if (!countMonitors(command, header.getInt(8), header.getInt(12))) {
            refuse("a monitor over maxMonitorsPerClient " + limits.maxMonitorsPerClient());
            return false;
        }
        message[0] = header;
        message[1] = payload;
        try {
            caj.handle(responseHandler, remote, transport, message);
        } catch (Exception e) {
            // CAJ logs nothing for these: count them, once a minute per client, and go on
            malformed.refused(MalformedInput.Channel.TCP, address(), "command " + command + " failed in CAJ: " + e);
        } catch (Error e) {   // an OutOfMemoryError, say: this connection is not served on
            malformed.refused(MalformedInput.Channel.TCP, address(), "command " + command + " failed in CAJ: " + e
                    + "; connection closed");
            close();
        } finally {
            message[0] = null;
            message[1] = null;
        }
        return isOpen();
    }

    /** Tracks subscriptions; false when one more would exceed the limit. */
    private boolean countMonitors(int command, int param1, int param2) {
        switch (command) {
            case CaStreamGuard.EVENT_ADD -> {
                if (!monitors.containsKey(param2) && monitors.size() >= limits.maxMonitorsPerClient()) {
                    return false;
                }
                monitors.put(param2, param1);
            }
            case CaStreamGuard.EVENT_CANCEL -> monitors.remove(param2);
            case CLEAR_CHANNEL -> monitors.values().removeIf(sid -> sid == param1);
            default -> { }
        }
        return true;
    }

    private void sendCreateFailed(int clientChannelId) {
        ByteBuffer reply = ByteBuffer.allocate(CaStreamGuard.HEADER);
        reply.putShort(CREATE_CH_FAIL).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                .putInt(clientChannelId).putInt(0);
        try {
            transport.send(reply);   // CAJ's send flips the buffer
        } catch (IOException | RuntimeException e) {
            close();
        }
    }

    /** Counts and logs (rate-limited) why, and closes the connection. */
    void refuse(String why) {
        malformed.refused(MalformedInput.Channel.TCP, address(), why + "; connection closed");
        close();
    }

    /** Whether the handshake or idle timeout has passed at {@code now}. */
    String expired(long now) {
        if (!greeted) {
            return now - acceptedNanos > limits.handshakeTimeoutMillis() * 1_000_000L
                    ? "no message within the handshake timeout of " + limits.handshakeTimeoutMillis() + " ms" : null;
        }
        return now - lastMessageNanos > limits.idleTimeoutMillis() * 1_000_000L && transport.getChannelCount() == 0
                ? "idle" : null;
    }

    /** Closes CAJ's transport (its channels, its dispatcher thread) and the socket. Idempotent. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            transport.close(true);
        } catch (RuntimeException e) {
            LOG.debug("closing CA connection from {}: {}", remote, e.toString());
        }
        try {
            socket.close();   // CAJ's close only queues this to its reactor, which may be stopping
        } catch (IOException e) {
            LOG.debug("closing CA socket from {}: {}", remote, e.toString());
        }
    }

    private InetAddress address() {
        return remote.getAddress();
    }

    @Override
    public String toString() {
        return "CA connection from " + remote;
    }
}
