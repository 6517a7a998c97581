package org.syncscope.cas.internal.guard;

import com.cosylab.epics.caj.cas.CAJServerContext;
import com.cosylab.epics.caj.cas.CASTransport;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * The parts of CAJ's server our guarded TCP side needs that live in CAJ's implementation packages
 * ({@code com.cosylab.epics.caj.impl.*}: the reactor, its handler interface, the transport's
 * response handler). The jca bundle does not export them, so a class of ours may not name them
 * (it would not load in OSGi): they are reached by reflection on CAJ's exported classes, and our
 * reactor handlers are proxies defined in CAJ's class loader. Nothing here is on the PV update path.
 */
final class CajAccess {

    private final CAJServerContext context;
    private final Class<?> handlerType;
    private final Object reactor;
    private final Object leaderFollowers;
    private final Method register;
    private final Method unregisterAndClose;
    private final Constructor<?> leaderFollowersHandler;
    private final Constructor<?> transport;
    private final Field responseHandler;
    private final Method handleResponse;
    private final Method processWrite;

    CajAccess(CAJServerContext context) throws ReflectiveOperationException {
        this.context = context;
        ClassLoader jca = CAJServerContext.class.getClassLoader();
        handlerType = Class.forName("com.cosylab.epics.caj.impl.reactor.ReactorHandler", false, jca);
        Class<?> transportType = Class.forName("com.cosylab.epics.caj.impl.Transport", false, jca);
        Class<?> responseHandlerType = Class.forName("com.cosylab.epics.caj.impl.ResponseHandler", false, jca);
        reactor = CAJServerContext.class.getMethod("getReactor").invoke(context);
        leaderFollowers = CAJServerContext.class.getMethod("getLeaderFollowersThreadPool").invoke(context);
        register = reactor.getClass().getMethod("register", SelectableChannel.class, int.class, handlerType);
        unregisterAndClose = reactor.getClass().getMethod("unregisterAndClose", SelectableChannel.class);
        leaderFollowersHandler = leaderFollowers == null ? null
                : Class.forName("com.cosylab.epics.caj.impl.reactor.lf.LeaderFollowersHandler", false, jca)
                        .getConstructor(reactor.getClass(), handlerType, leaderFollowers.getClass());
        Constructor<?> found = null;
        for (Constructor<?> c : CASTransport.class.getConstructors()) {
            if (c.getParameterCount() == 2 && c.getParameterTypes()[1] == SocketChannel.class) {
                found = c;
            }
        }
        if (found == null) {
            throw new NoSuchMethodException("CASTransport(CAContext, SocketChannel)");
        }
        transport = found;
        responseHandler = CASTransport.class.getDeclaredField("responseHandler");
        responseHandler.setAccessible(true);
        handleResponse = responseHandlerType.getMethod("handleResponse", InetSocketAddress.class, transportType,
                ByteBuffer[].class);
        processWrite = CASTransport.class.getDeclaredMethod("processWrite");
        processWrite.setAccessible(true);
    }

    /** A CAJ reactor handler (a proxy in CAJ's class loader) that hands every event to {@code onEvent}. */
    Object handler(String name, Consumer<SelectionKey> onEvent) {
        return Proxy.newProxyInstance(CAJServerContext.class.getClassLoader(), new Class<?>[] {handlerType},
                (proxy, method, args) -> switch (method.getName()) {
                    case "handleEvent" -> {
                        onEvent.accept((SelectionKey) args[0]);
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> name;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Registers {@code channel} with CAJ's reactor, through its leader/followers pool as CAJ does. */
    void register(SelectableChannel channel, int ops, Object handler) throws Exception {
        Object h = leaderFollowersHandler == null ? handler
                : leaderFollowersHandler.newInstance(reactor, handler, leaderFollowers);
        invoke(register, reactor, channel, ops, h);
    }

    void unregisterAndClose(SelectableChannel channel) throws Exception {
        invoke(unregisterAndClose, reactor, channel);
    }

    /** CAJ's server transport for an accepted socket (it starts the connection's event dispatcher thread). */
    CASTransport newTransport(SocketChannel socket) throws Exception {
        try {
            return (CASTransport) transport.newInstance(context, socket);
        } catch (InvocationTargetException e) {
            throw unwrap(e);
        }
    }

    /** The transport's response handler, to which complete messages are handed. */
    Object responseHandler(CASTransport t) throws IllegalAccessException {
        return responseHandler.get(t);
    }

    /** Hands one message to CAJ; what CAJ's handler throws comes out as it is. */
    void handle(Object handler, InetSocketAddress from, CASTransport t, ByteBuffer[] message) throws Exception {
        invoke(handleResponse, handler, from, t, message);
    }

    void processWrite(CASTransport t) throws Exception {
        invoke(processWrite, t);
    }

    private static void invoke(Method m, Object target, Object... args) throws Exception {
        try {
            m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw unwrap(e);
        }
    }

    private static Exception unwrap(InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Error error) {
            throw error;
        }
        return cause instanceof Exception ex ? ex : e;
    }
}
