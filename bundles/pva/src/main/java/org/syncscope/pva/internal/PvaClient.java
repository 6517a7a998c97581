package org.syncscope.pva.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.epics.pvaccess.client.Channel;
import org.epics.pvaccess.client.ChannelGet;
import org.epics.pvaccess.client.ChannelGetRequester;
import org.epics.pvaccess.client.ChannelProvider;
import org.epics.pvaccess.client.ChannelRequester;
import org.epics.pvdata.copy.CreateRequest;
import org.epics.pvdata.misc.BitSet;
import org.epics.pvdata.pv.MessageType;
import org.epics.pvdata.pv.PVStructure;
import org.epics.pvdata.pv.Status;
import org.epics.pvdata.pv.Structure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.pv.PvException;
import org.syncscope.api.pv.PvListener;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.Subscription;
import org.syncscope.api.time.EpicsTime;

/**
 * One pvAccess client context of our own and the subscriptions made through it, with the
 * {@link EventQueue} that delivers their callbacks. A settings change moves every subscription
 * to a new context (its listener hears a disconnect, then connects again there); the event thread
 * stays.
 */
final class PvaClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PvaClient.class);

    /** The whole structure: what a get reads, and what is monitored when a server loses the type of a selection. */
    static final PVStructure REQUEST = CreateRequest.create().createRequest("field()");
    /** What a subscription monitors: the fields an update changes. */
    static final PVStructure MONITOR_REQUEST = CreateRequest.create().createRequest("field(value,alarm,timeStamp)");
    /**
     * How long close and reconfigure (SCR's threads) wait for the library to destroy a context;
     * a longer destroy ends in the background.
     */
    static final Duration CALLER_WAIT = Duration.ofSeconds(1);

    private volatile ChannelProvider provider;
    private volatile ClientSettings settings;
    private final EventQueue queue = new EventQueue();
    private final Set<PvaSubscription> subscriptions = ConcurrentHashMap.newKeySet();

    /** @throws IllegalStateException if the library could not make a context */
    PvaClient(ClientSettings settings) {
        this.settings = settings;
        try {
            this.provider = ProviderFactory.create(settings);
        } catch (RuntimeException e) {
            queue.close();
            throw new IllegalStateException("cannot start a pvAccess client context (" + settings + "): " + e.getMessage(), e);
        }
    }

    ClientSettings settings() {
        return settings;
    }

    /** The event queue (tests). */
    EventQueue queue() {
        return queue;
    }

    /** Moves every subscription to a new context on {@code next}; the old one is destroyed (waited for at most {@link #CALLER_WAIT}). */
    synchronized void reconfigure(ClientSettings next) {
        ChannelProvider fresh = ProviderFactory.create(next);
        ChannelProvider old = provider;
        provider = fresh;
        settings = next;
        for (PvaSubscription s : List.copyOf(subscriptions)) {
            try {
                s.openOn(fresh);
            } catch (RuntimeException e) {
                LOG.warn("{} not monitored again on the new settings: {}", s.pvName(), e.toString());
            }
        }
        destroyBounded(old);
    }

    Subscription subscribe(String pvName, PvListener listener) {
        String channel = PvaNames.channelName(pvName);
        PvaSubscription s = new PvaSubscription(pvName, channel, listener, queue, subscriptions::remove);
        subscriptions.add(s);
        try {
            s.openOn(provider);
        } catch (RuntimeException e) {
            subscriptions.remove(s);
            throw new IllegalStateException("cannot monitor " + pvName + ": " + e.getMessage(), e);
        }
        return s;
    }

    PvUpdate get(String pvName, Duration timeout) throws PvException {
        String channelName = PvaNames.channelName(pvName);
        OneRead read = new OneRead(pvName);
        Channel channel = null;
        try {
            channel = provider.createChannel(channelName, read, ChannelProvider.PRIORITY_DEFAULT);
            return read.result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new PvException("no pvAccess server answered for " + pvName + " within "
                    + timeout.toMillis() / 1000.0 + " s (" + settings + ")");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PvException p) {
                throw new PvException(p.getMessage(), p);
            }
            throw new PvException("reading " + pvName + " failed: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PvException("interrupted while reading " + pvName, e);
        } catch (RuntimeException e) {
            throw new PvException("reading " + pvName + " failed: " + e.getMessage(), e);
        } finally {
            if (channel != null) {
                try {
                    channel.destroy();
                } catch (RuntimeException e) {
                    LOG.debug("destroying the channel of a get of {}: {}", pvName, e.toString());
                }
            }
        }
    }

    /** A get: connect, create the request, read once. Callbacks on the library's threads. */
    private static final class OneRead implements ChannelRequester, ChannelGetRequester {
        final CompletableFuture<PvUpdate> result = new CompletableFuture<>();
        private final String pvName;
        private volatile NtReader reader;
        private boolean requested;

        OneRead(String pvName) {
            this.pvName = pvName;
        }

        @Override
        public String getRequesterName() {
            return pvName;
        }

        @Override
        public void message(String message, MessageType type) {
            LOG.debug("{}: {} ({})", pvName, message, type);
        }

        @Override
        public void channelCreated(Status status, Channel channel) {
            if (!status.isSuccess()) {
                result.completeExceptionally(new PvException("the pvAccess library refused " + pvName + ": "
                        + status.getMessage()));
            }
        }

        @Override
        public synchronized void channelStateChange(Channel channel, Channel.ConnectionState state) {
            if (state == Channel.ConnectionState.CONNECTED && !requested) {
                requested = true;
                channel.createChannelGet(this, REQUEST);
            }
        }

        @Override
        public void channelGetConnect(Status status, ChannelGet get, Structure structure) {
            if (!status.isSuccess() || structure == null) {
                result.completeExceptionally(new PvException("the server refused to read " + pvName + ": "
                        + status.getMessage()));
                return;
            }
            try {
                reader = NtReader.of(pvName, structure);
            } catch (NtReader.Refused refused) {
                result.completeExceptionally(new PvException(refused.getMessage()));
                return;
            }
            get.get();
        }

        @Override
        public void getDone(Status status, ChannelGet get, PVStructure pv, BitSet changed) {
            if (!status.isSuccess() || pv == null) {
                result.completeExceptionally(new PvException("reading " + pvName + " failed: " + status.getMessage()));
                return;
            }
            try {
                result.complete(reader.read(pvName, pv, nowNanos()));
            } catch (RuntimeException bad) {
                result.completeExceptionally(bad);
            }
        }
    }

    /** Destroys the context and ends the event thread; waits for the library at most {@link #CALLER_WAIT}. */
    @Override
    public void close() {
        List.copyOf(subscriptions).forEach(PvaSubscription::abandon);
        subscriptions.clear();
        destroyBounded(provider);
        queue.close();
    }

    /**
     * Destroys a context (only ours: it was made with createProvider) on a thread of its own,
     * waiting at most {@link #CALLER_WAIT}; past that it ends in the background.
     */
    static boolean destroyBounded(ChannelProvider p) {
        Thread t = new Thread(() -> {
            try {
                p.destroy();
            } catch (RuntimeException e) {
                LOG.warn("closing the pvAccess client context: {}", e.toString());
            }
        }, "pva-client-destroy");
        t.setDaemon(true);
        t.start();
        try {
            t.join(CALLER_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            LOG.warn("the pvAccess client context was not destroyed within {} ms; it ends in the background",
                    CALLER_WAIT.toMillis());
            return false;
        }
        return true;
    }

    static long nowNanos() {
        return EpicsTime.unixNanos(Instant.now());
    }
}
