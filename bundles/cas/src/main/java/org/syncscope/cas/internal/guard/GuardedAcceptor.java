package org.syncscope.cas.internal.guard;

import com.cosylab.epics.caj.cas.CAJServerContext;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts Channel Access client connections in place of CAJ's acceptor and serves each through
 * a {@link GuardedConnection}: at most {@code maxClients} at once (one more is accepted and
 * closed at once, and counted), and a sweep once a second closes connections past the handshake
 * or idle timeout.
 */
public final class GuardedAcceptor {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedAcceptor.class);
    private static final long SWEEP_MILLIS = 1000;

    private final TcpLimits limits;
    private final MalformedInput malformed;
    private final Set<GuardedConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong timedOut = new AtomicLong();
    private ServerSocketChannel server;
    private CajAccess caj;
    private ScheduledExecutorService sweeper;
    private boolean destroyed;

    public GuardedAcceptor(TcpLimits limits, MalformedInput malformed) {
        this.limits = limits;
        this.malformed = malformed;
    }

    /**
     * Binds {@code port} on every interface, or, when it is taken, a dynamic port (as CAJ's own
     * acceptor does: UDP searches still find the server). Returns the port bound.
     */
    public synchronized int bind(int port) throws IOException {
        server = ServerSocketChannel.open();
        try {
            server.bind(new InetSocketAddress(port));
        } catch (BindException taken) {
            server.close();
            server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress(0));
        }
        server.configureBlocking(false);
        return ((InetSocketAddress) server.getLocalAddress()).getPort();
    }

    /** The address bound (the wildcard address). */
    public synchronized InetAddress address() {
        return server == null ? null : server.socket().getInetAddress();
    }

    /** Starts accepting on {@code context}'s reactor (after its initialize). */
    public synchronized void start(CAJServerContext context) throws Exception {
        caj = new CajAccess(context);
        caj.register(server, SelectionKey.OP_ACCEPT, caj.handler("CA TCP acceptor", key -> accept()));
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "syncscope-cas-tcp-sweep");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    private synchronized void accept() {
        if (destroyed) {
            return;
        }
        SocketChannel socket;
        try {
            socket = server.accept();
        } catch (IOException e) {
            LOG.debug("CA TCP accept failed: {}", e.toString());
            return;
        }
        if (socket == null) {
            return;
        }
        GuardedConnection connection = null;
        try {
            connections.removeIf(c -> !c.isOpen());
            if (connections.size() >= limits.maxClients()) {
                InetAddress from = ((InetSocketAddress) socket.getRemoteAddress()).getAddress();
                // counted before the close, so whoever sees the connection closed sees it counted
                malformed.refused(MalformedInput.Channel.TCP, from,
                        "a connection over maxClients " + limits.maxClients() + " (closed at once)");
                socket.close();
                return;
            }
            socket.configureBlocking(false);
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            socket.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            connection = new GuardedConnection(socket, caj, limits, malformed);
            connections.add(connection);
            caj.register(socket, SelectionKey.OP_READ, caj.handler(connection.toString(), connection::handleEvent));
        } catch (Exception e) {
            LOG.warn("Channel Access server: cannot serve a connection: {}", e.toString());
            if (connection != null) {
                connection.close();   // ends CAJ's thread for it
            }
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        for (GuardedConnection c : connections) {
            if (!c.isOpen()) {
                connections.remove(c);
                continue;
            }
            String why = c.expired(now);
            if (why == null) {
                continue;
            }
            timedOut.incrementAndGet();
            if (why.equals("idle")) {
                LOG.debug("{}: idle with no channel for {} ms, closed", c, limits.idleTimeoutMillis());
                c.close();
            } else {
                c.refuse(why);
            }
            connections.remove(c);
        }
    }

    /** Client connections open now. */
    public int connectionCount() {
        int n = 0;
        for (GuardedConnection c : connections) {
            if (c.isOpen()) {
                n++;
            }
        }
        return n;
    }

    public TcpLimits limits() {
        return limits;
    }

    /** Connections closed by the handshake or idle timeout so far. */
    public long timedOut() {
        return timedOut.get();
    }

    /** Stops accepting; the connections are CAJ's to close (its destroy closes every transport). Idempotent. */
    public synchronized void destroy() {
        destroyed = true;
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        if (server != null) {
            try {
                if (caj != null) {
                    caj.unregisterAndClose(server);
                }
            } catch (Exception e) {
                LOG.debug("unregistering the CA TCP acceptor: {}", e.toString());
            }
            try {
                server.close();
            } catch (IOException e) {
                LOG.debug("closing the CA TCP acceptor: {}", e.toString());
            }
        }
    }

    /** Closes every connection still open (after the context's destroy, for what it missed). */
    public void closeAll() {
        for (GuardedConnection c : connections) {
            c.close();
        }
        connections.clear();
    }
}
