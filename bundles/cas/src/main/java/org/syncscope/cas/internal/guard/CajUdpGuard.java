package org.syncscope.cas.internal.guard;

import com.cosylab.epics.caj.cas.CAJServerContext;
import com.cosylab.epics.caj.cas.CASResponseHandler;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * Puts a {@link GuardedDatagramHandler} on a CAJ server context's UDP socket: registers the socket
 * with CAJ's reactor again, now with our handler. Registering a channel with the selector it is
 * registered with keeps its key and replaces the key's attachment
 * ({@link SelectableChannel#register(java.nio.channels.Selector, int, Object)}), and the attachment
 * is what CAJ's reactor calls for an event; CAJ's transport then gets no more datagrams.
 *
 * <p>Only public CAJ methods are used, but by reflection: jca 2.4.9's OSGi manifest exports
 * neither {@code com.cosylab.epics.caj.impl} nor its {@code reactor} packages, so this bundle
 * cannot name the transport, the reactor or its handler interface (nor import them). The handler
 * interface is implemented by a {@link Proxy}; CAJ's request handler is called through a method
 * handle typed without CAJ's internal types, which allocates nothing per call.
 */
public final class CajUdpGuard {

    private static final String IMPL = "com.cosylab.epics.caj.impl.";

    private CajUdpGuard() {
    }

    /**
     * Guards {@code context}'s UDP socket (call after its {@code initialize}).
     *
     * @return false if the context has no UDP transport (CAJ could not open it, and logged why)
     * @throws ReflectiveOperationException if this CAJ does not have the methods used (another version)
     */
    public static boolean install(CAJServerContext context, MalformedInput refusals) throws Exception {
        ClassLoader caj = CAJServerContext.class.getClassLoader();
        Object transport = CAJServerContext.class.getMethod("getBroadcastTransport").invoke(context);
        if (transport == null) {
            return false;
        }
        Class<?> transportClass = transport.getClass();
        DatagramChannel channel = (DatagramChannel) transportClass.getMethod("getChannel").invoke(transport);
        InetSocketAddress[] ignored = (InetSocketAddress[]) transportClass.getMethod("getIgnoredAddresses")
                .invoke(transport);

        Object requests = new CASResponseHandler(context);
        Method handleResponse = CASResponseHandler.class.getMethod("handleResponse", InetSocketAddress.class,
                Class.forName(IMPL + "Transport", false, caj), ByteBuffer[].class);
        MethodHandle handle = MethodHandles.publicLookup().unreflect(handleResponse).asType(
                MethodType.methodType(void.class, Object.class, InetSocketAddress.class, Object.class, ByteBuffer[].class));
        GuardedDatagramHandler guarded = new GuardedDatagramHandler(channel, ignored,
                context::invalidateLastReceivedSequence,
                (from, datagram) -> {
                    handle.invokeExact(requests, from, transport, datagram);
                }, refusals);

        Class<?> reactorHandler = Class.forName(IMPL + "reactor.ReactorHandler", false, caj);
        Object handler = Proxy.newProxyInstance(caj, new Class<?>[] {reactorHandler}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "handleEvent":
                    guarded.handleEvent((SelectionKey) args[0]);
                    return null;
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    return "guarded CA server UDP handler";
            }
        });
        Object reactor = CAJServerContext.class.getMethod("getReactor").invoke(context);
        Class<?> reactorClass = Class.forName(IMPL + "reactor.Reactor", false, caj);
        Object pool = CAJServerContext.class.getMethod("getLeaderFollowersThreadPool").invoke(context);
        if (pool != null) {   // as CAJ wraps its own transport when it runs leader/followers threads
            handler = Class.forName(IMPL + "reactor.lf.LeaderFollowersHandler", false, caj)
                    .getConstructor(reactorClass, reactorHandler, pool.getClass())
                    .newInstance(reactor, handler, pool);
        }
        try {
            reactorClass.getMethod("register", SelectableChannel.class, int.class, reactorHandler)
                    .invoke(reactor, channel, SelectionKey.OP_READ, handler);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        return true;
    }
}
