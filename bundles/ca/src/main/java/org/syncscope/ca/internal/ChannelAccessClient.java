package org.syncscope.ca.internal;

import org.syncscope.api.time.EpicsTime;
import gov.aps.jca.CAException;
import gov.aps.jca.Channel;
import gov.aps.jca.configuration.ConfigurationException;
import gov.aps.jca.configuration.DefaultConfiguration;
import gov.aps.jca.event.ConnectionEvent;
import gov.aps.jca.event.ConnectionListener;
import gov.aps.jca.event.EventDispatcher;
import gov.aps.jca.event.GetEvent;
import gov.aps.jca.event.QueuedEventDispatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.pv.PvException;
import org.syncscope.api.pv.PvListener;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.Subscription;

/**
 * One CAJ client context and the subscriptions made through it. Callbacks are delivered by an
 * {@link OrderedEventDispatcher}: one thread per context, {@code ca-client-events}, in arrival
 * order, which is what {@link PvListener} promises.
 */
public final class ChannelAccessClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelAccessClient.class);

    static {
        // Otherwise CAJ starts a CA repeater as a separate, detached JVM that outlives Karaf.
        // Without one, reconnection relies on CAJ's own search retries, which is enough here.
        if (System.getProperty("CA_DISABLE_REPEATER") == null) {
            System.setProperty("CA_DISABLE_REPEATER", "true");
        }
    }

    /** How long the destroy thread waits for a destroyed context's timer thread to end. */
    static final Duration DESTROY_DEADLINE = Duration.ofSeconds(5);
    /**
     * How long closing or reconfiguring (SCR's deactivate and modified) waits for CAJ to destroy a
     * context before going on: CAJ's destroy sends to each server and retries a full send buffer
     * for good (a server that stopped reading), and Config Admin delivers every bundle's
     * configuration on the thread that waits here. A longer destroy completes in the background.
     */
    static final Duration CALLER_WAIT = Duration.ofSeconds(1);

    /**
     * System property naming the dispatcher, for bench/ca-source-rate.sh alone: {@value #CAJ_QUEUED}
     * gives CAJ's own QueuedEventDispatcher, which this client used before, to compare with.
     */
    static final String DISPATCHER_PROPERTY = "org.syncscope.ca.dispatcher";
    static final String CAJ_QUEUED = "caj-queued";

    private volatile ClosingClientContext context;
    private volatile ClientSettings settings;
    private final Set<CaSubscription> subscriptions = ConcurrentHashMap.newKeySet();

    private final AddressResolver.Lookup lookup;

    public ChannelAccessClient(ClientSettings settings) throws CAException {
        this(settings, AddressResolver.SYSTEM);
    }

    /** @param lookup resolves the host names of the address list (tests give a slow one) */
    ChannelAccessClient(ClientSettings settings, AddressResolver.Lookup lookup) throws CAException {
        this.lookup = lookup;
        this.settings = settings;
        this.context = newContext(settings, lookup);
    }

    private static ClosingClientContext newContext(ClientSettings settings, AddressResolver.Lookup lookup)
            throws CAException {
        DefaultConfiguration config = new DefaultConfiguration("CAJContext");
        // names resolved here, bounded: CAJ would resolve them in initialize, on SCR's thread, for as long as DNS takes
        config.setAttribute("addr_list", AddressResolver.numeric(settings.addresses(), lookup, AddressResolver.WAIT));
        config.setAttribute("auto_addr_list", Boolean.toString(settings.autoAddresses()));
        config.setAttribute("server_port", Integer.toString(settings.serverPort()));
        config.setAttribute("connection_timeout", Float.toString(settings.connectionTimeout().toMillis() / 1000f));
        config.setAttribute("max_array_bytes", Integer.toString(settings.maxArrayBytes()));
        // Without a CA repeater no beacon tells CAJ an IOC returned; its searches back off to 300 s.
        config.setAttribute("max_search_interval", Float.toString(settings.maxSearchInterval().toMillis() / 1000f));
        ClosingClientContext context = new ClosingClientContext(newDispatcher());
        try {
            context.configure(config);
        } catch (ConfigurationException | RuntimeException e) {
            context.getEventDispatcher().dispose();   // its thread runs already; nothing else does
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalArgumentException("CAJ refused the client settings " + settings + ": " + e.getMessage(), e);
        }
        try {
            context.initialize();
        } catch (CAException | RuntimeException e) {
            destroyBounded(context);   // its reactor and threads may run already
            throw e;
        }
        return context;
    }

    static EventDispatcher newDispatcher() {
        if (CAJ_QUEUED.equals(System.getProperty(DISPATCHER_PROPERTY))) {
            return new QueuedEventDispatcher();
        }
        return new OrderedEventDispatcher();
    }

    /**
     * Moves every subscription to a new CAJ context on {@code next}: each listener hears a
     * disconnect, then connects again there. The old context is destroyed in the background; this
     * waits for it at most {@link #CALLER_WAIT}.
     */
    public void reconfigure(ClientSettings next) throws CAException {
        ClosingClientContext fresh = newContext(next, lookup);
        ClosingClientContext old = context;
        context = fresh;
        settings = next;
        for (CaSubscription s : List.copyOf(subscriptions)) {
            try {
                s.moveTo(fresh);
            } catch (CAException | RuntimeException e) {
                LOG.warn("{} not monitored again on the new settings: {}", s.pvName(), e.toString());
            }
        }
        destroyBounded(old);
    }

    ClientSettings settings() {
        return settings;
    }

    /** The CAJ context in use (tests). */
    ClosingClientContext context() {
        return context;
    }

    /** Starts a monitor; see {@link org.syncscope.api.pv.PvSource#subscribe}. */
    public Subscription subscribe(String pvName, PvListener listener) {
        CaNames.validate(pvName);
        CaSubscription s = new CaSubscription(context, pvName, listener, subscriptions::remove);
        subscriptions.add(s);
        try {
            s.open();
        } catch (CAException | RuntimeException e) {
            subscriptions.remove(s);
            throw new IllegalStateException("cannot monitor " + pvName + ": " + e.getMessage(), e);
        }
        return s;
    }

    /** Reads one value; see {@link org.syncscope.api.pv.PvSource#get}. */
    public PvUpdate get(String pvName, Duration timeout) throws PvException {
        CaNames.validate(pvName);
        CompletableFuture<PvUpdate> result = new CompletableFuture<>();
        Channel channel = null;
        try {
            channel = context.createChannel(pvName, new ConnectionListener() {
                @Override
                public void connectionChanged(ConnectionEvent ev) {
                    if (ev.isConnected()) {
                        requestValue((Channel) ev.getSource(), pvName, result);
                    }
                }
            });
            context.flushIO();
            return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new PvException("no Channel Access server answered for " + pvName + " within "
                    + timeout.toMillis() / 1000.0 + " s (addrList='" + settings.addresses() + "', autoAddrList="
                    + settings.autoAddresses() + ", serverPort=" + settings.serverPort() + ")");
        } catch (ExecutionException e) {
            throw new PvException("reading " + pvName + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PvException("interrupted while reading " + pvName, e);
        } catch (CAException e) {
            throw new PvException("reading " + pvName + " failed: " + e.getMessage(), e);
        } finally {
            destroyQuietly(channel);
        }
    }

    private void requestValue(Channel channel, String pvName, CompletableFuture<PvUpdate> result) {
        try {
            channel.get(DbrUpdates.timeType(channel.getFieldType()), channel.getElementCount(), (GetEvent ev) -> {
                if (!ev.getStatus().isSuccessful()) {
                    result.completeExceptionally(new PvException("server refused the read: " + ev.getStatus()));
                    return;
                }
                try {
                    result.complete(DbrUpdates.toUpdate(pvName, ev.getDBR(), nowNanos(), List.of()));
                } catch (RuntimeException bad) {
                    result.completeExceptionally(bad);
                }
            });
            context.flushIO();
        } catch (CAException | RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    /**
     * Stops every subscription's callbacks and destroys the context (with its channels: closing
     * each channel first made CAJ log "Channel already destroyed"); waits at most
     * {@link #CALLER_WAIT}, the destroy goes on in the background past it.
     */
    @Override
    public void close() {
        List.copyOf(subscriptions).forEach(CaSubscription::abandon);
        subscriptions.clear();
        destroyBounded(context);
    }

    /**
     * Destroys a context on a thread of its own, waiting at most {@link #CALLER_WAIT}; past it the
     * destroy goes on in the background (that thread then waits up to {@link #DESTROY_DEADLINE} for
     * CAJ's timer thread). Its timer is shut down even if CAJ's destroy throws.
     */
    static boolean destroyBounded(ClosingClientContext old) {
        Thread t = new Thread(() -> {
            try {
                old.destroy();
            } catch (CAException | RuntimeException e) {
                LOG.warn("closing the Channel Access client: {}", e.toString());
            }
            try {
                if (!old.awaitTimerEnd(DESTROY_DEADLINE.toMillis())) {
                    LOG.warn("the Channel Access client's timer thread did not end within {} s", DESTROY_DEADLINE.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ca-client-destroy");
        t.setDaemon(true);
        t.start();
        try {
            t.join(CALLER_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            LOG.warn("the Channel Access client's context was not destroyed within {} ms; going on, it ends in the background",
                    CALLER_WAIT.toMillis());
            return false;
        }
        return true;
    }

    static long nowNanos() {
        return EpicsTime.unixNanos(Instant.now());
    }

    static void destroyQuietly(Channel channel) {
        if (channel != null) {
            try {
                channel.destroy();
            } catch (CAException | IllegalStateException e) {
                LOG.debug("destroying channel {}: {}", channel.getName(), e.toString());
            }
        }
    }
}
