package org.syncscope.pvas.internal;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.epics.pvaccess.PVAException;
import org.epics.pvaccess.client.ChannelProvider;
import org.epics.pvaccess.server.ServerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running pvAccessJava server context. The library's {@code ServerContextImpl} lives in a
 * package its bundle does not export, and reads its settings from system properties or the
 * environment in its constructor; so it is made by reflection through its bundle's class loader
 * and its settings are written into its fields after construction: nothing JVM-global is set,
 * and a pvAccess client in the same JVM is not affected. With a bind address the library's
 * acceptor (bound to every interface) is replaced by {@link #acceptOn}, which hands each
 * connection to the library's own transport, as its acceptor does.
 */
final class PvaContext {

    private static final Logger LOG = LoggerFactory.getLogger(PvaContext.class);
    private static final String IMPL = "org.epics.pvaccess.server.impl.remote.ServerContextImpl";
    private static final String TRANSPORT = "org.epics.pvaccess.server.impl.remote.tcp.BlockingServerTCPTransport";

    private final ServerContext context;
    private final Class<?> impl;
    private final Thread runner;
    private final ServerSocketChannel boundAcceptor;
    private final int tcpPort;
    private final int udpPort;

    private PvaContext(ServerContext context, Class<?> impl, Thread runner, ServerSocketChannel boundAcceptor,
                       int tcpPort, int udpPort) {
        this.context = context;
        this.impl = impl;
        this.runner = runner;
        this.boundAcceptor = boundAcceptor;
        this.tcpPort = tcpPort;
        this.udpPort = udpPort;
    }

    int tcpPort() {
        return tcpPort;
    }

    int udpPort() {
        return udpPort;
    }

    /** Binds and serves {@code provider} with {@code s}; the beacons run on a thread of their own. */
    static PvaContext start(ServerSettings s, ChannelProvider provider) throws PVAException {
        // the lock the pvAccess client bundle (pva) takes while it makes its context: the library's
        // classes, which client and server share, are never initialised by two threads at once
        synchronized (ChannelProvider.class) {
            return startLocked(s, provider);
        }
    }

    private static PvaContext startLocked(ServerSettings s, ChannelProvider provider) throws PVAException {
        Class<?> impl;
        ServerContext ctx;
        try {
            impl = Class.forName(IMPL, true, ServerContext.class.getClassLoader());
            ctx = (ServerContext) impl.getConstructor().newInstance();
            set(impl, ctx, "serverPort", s.serverPort());
            set(impl, ctx, "broadcastPort", s.broadcastPort());
            set(impl, ctx, "beaconAddressList", s.beaconAddresses().toString());
            set(impl, ctx, "autoBeaconAddressList", s.autoBeaconAddresses());
            set(impl, ctx, "beaconPeriod", s.beaconPeriodSeconds());
            set(impl, ctx, "ignoreAddressList", "");
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this pvAccessJava is not the one Syncscope was built for (5.1.10): " + e, e);
        }
        try {
            ctx.initialize(provider);
        } catch (PVAException | RuntimeException e) {
            ctx.dispose();
            throw e;
        }
        ServerSocketChannel bound = null;
        if (!s.bindAddress().isEmpty()) {
            try {
                bound = acceptOn(impl, ctx, s);
            } catch (IOException | ReflectiveOperationException e) {
                ctx.dispose();
                throw new PVAException("cannot bind TCP " + s.bindAddress() + ":" + s.serverPort() + ": " + e, e);
            }
        }
        int tcp = bound != null ? bound.socket().getLocalPort() : (Integer) call(impl, ctx, "getServerPort");
        // run() sends beacons until destroy; it blocks, hence its own thread
        Thread runner = new Thread(() -> {
            try {
                ctx.run(0);
            } catch (PVAException | IllegalStateException e) {
                LOG.debug("pvAccess server run ended: {}", e.toString());
            }
        }, "syncscope-pvas-beacons-" + tcp);
        runner.setDaemon(true);
        runner.start();
        return new PvaContext(ctx, impl, runner, bound, tcp, s.broadcastPort());
    }

    /** Stops serving: connections closed, ports free. Waits (bounded) for the beacon thread. */
    void stop() {
        try {
            if (boundAcceptor != null) {
                boundAcceptor.close();
            }
        } catch (IOException e) {
            LOG.debug("closing the TCP acceptor: {}", e.toString());
        }
        try {
            context.destroy();
        } catch (PVAException | RuntimeException e) {
            LOG.warn("stopping the pvAccess server: {}", e.toString());
        }
        try {
            runner.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Closes the library's wildcard acceptor and accepts on {@code bindAddress:serverPort}
     * instead (the port the library bound, which it advertises in search replies).
     */
    private static ServerSocketChannel acceptOn(Class<?> impl, ServerContext ctx, ServerSettings s)
            throws IOException, ReflectiveOperationException {
        int port = (Integer) call(impl, ctx, "getServerPort");
        Field acceptorField = impl.getDeclaredField("acceptor");
        acceptorField.setAccessible(true);
        Object acceptor = acceptorField.get(ctx);
        acceptor.getClass().getMethod("destroy").invoke(acceptor);
        ServerSocketChannel channel = bindWhenFree(new InetSocketAddress(InetAddress.getByName(s.bindAddress()), port));
        Object handler = call(impl, ctx, "getServerResponseHandler");
        int receiveBuffer = (Integer) call(impl, ctx, "getReceiveBufferSize");
        Class<?> transportType = Class.forName(TRANSPORT, true, impl.getClassLoader());
        Constructor<?> make = null;
        for (Constructor<?> c : transportType.getConstructors()) {
            if (c.getParameterCount() == 4) {
                make = c;
            }
        }
        if (make == null) {
            throw new NoSuchMethodException(TRANSPORT + "(Context, SocketChannel, ResponseHandler, int)");
        }
        Constructor<?> transportOf = make;
        Method verify = Class.forName("org.epics.pvaccess.impl.remote.Transport", true, impl.getClassLoader())
                .getMethod("verify", long.class);
        Method close = Class.forName("org.epics.pvaccess.impl.remote.Transport", true, impl.getClassLoader())
                .getMethod("close");
        Thread t = new Thread(() -> {
            while (channel.isOpen()) {
                try {
                    SocketChannel client = channel.accept();
                    client.socket().setTcpNoDelay(true);
                    client.socket().setKeepAlive(true);
                    Object transport = transportOf.newInstance(ctx, client, handler, receiveBuffer);
                    if (!(Boolean) verify.invoke(transport, 5000L)) {
                        close.invoke(transport);
                    }
                } catch (IOException closed) {
                    if (channel.isOpen()) {
                        LOG.warn("pvAccess server: accepting a connection failed: {}", closed.toString());
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    LOG.warn("pvAccess server: serving a connection failed: {}", e.toString());
                }
            }
        }, "syncscope-pvas-acceptor-" + port);
        t.setDaemon(true);
        t.start();
        return channel;
    }

    /**
     * The library's acceptor closes its socket while its thread is blocked in accept, and the JDK
     * releases the port only when that thread has left accept: retried for at most 2 s.
     */
    private static ServerSocketChannel bindWhenFree(InetSocketAddress address) throws IOException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (true) {
            ServerSocketChannel channel = ServerSocketChannel.open();
            try {
                channel.socket().setReuseAddress(true);
                channel.bind(address);
                return channel;
            } catch (java.net.BindException inUse) {
                channel.close();
                if (System.nanoTime() - deadline > 0) {
                    throw inUse;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw inUse;
                }
            }
        }
    }

    private static void set(Class<?> impl, Object target, String field, Object value) throws ReflectiveOperationException {
        Field f = impl.getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }

    private static Object call(Class<?> impl, Object target, String method) {
        try {
            return impl.getMethod(method).invoke(target);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(method + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("pvAccessJava has no " + method + ": " + e, e);
        }
    }
}
