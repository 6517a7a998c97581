package org.syncscope.pva.internal;

import java.util.function.Consumer;
import org.epics.pvaccess.client.Channel;
import org.epics.pvaccess.client.ChannelProvider;
import org.epics.pvaccess.client.ChannelRequester;
import org.epics.pvdata.monitor.Monitor;
import org.epics.pvdata.monitor.MonitorElement;
import org.epics.pvdata.monitor.MonitorRequester;
import org.epics.pvdata.pv.MessageType;
import org.epics.pvdata.pv.Status;
import org.epics.pvdata.pv.Structure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.pv.PvListener;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.Subscription;

/**
 * A monitor on one channel. Each client context it lives on has its own {@link Link} (the
 * library's requester); a settings change moves the subscription to a new context with a new
 * link, and what the old one still delivers is dropped on the event thread. After a server
 * restart the library re-creates the monitor by itself and starts it again; the first value on
 * the new connection is the server's current one, whatever its stamp (as Channel Access does it,
 * see {@link PvListener#onUpdate}).
 *
 * <p>The listener's view is kept on the event thread ({@link #listenerConnected}): it hears a
 * connection change only when it is a change, and no update while it is told disconnected.
 */
final class PvaSubscription implements Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(PvaSubscription.class);

    private final String pvName;
    private final String channelName;
    private final PvListener listener;
    private final EventQueue queue;
    private final Consumer<PvaSubscription> onClose;
    private volatile Link current;
    private volatile boolean closed;
    /** Only on the event thread: what the listener was told last. */
    private boolean listenerConnected;

    PvaSubscription(String pvName, String channelName, PvListener listener, EventQueue queue,
                    Consumer<PvaSubscription> onClose) {
        this.pvName = pvName;
        this.channelName = channelName;
        this.listener = listener;
        this.queue = queue;
        this.onClose = onClose;
    }

    /** Opens the channel on {@code provider}; a previous link (another context) is left to its context's destroy. */
    synchronized void openOn(ChannelProvider provider) {
        if (closed) {
            return;
        }
        Link previous = current;
        Link link = new Link();
        current = link;
        if (previous != null) {
            queue.offerConnection(link, false);   // heard only if the listener was connected
        }
        link.channel = provider.createChannel(channelName, link, ChannelProvider.PRIORITY_DEFAULT);
    }

    /** Stops callbacks without touching the channel: the context is being destroyed with it. */
    void abandon() {
        closed = true;
    }

    @Override
    public String pvName() {
        return pvName;
    }

    @Override
    public boolean isConnected() {
        Link l = current;
        return !closed && l != null && l.connected;
    }

    /** Why the channel's structure is not read (one line naming PV, type id and fields), or null (tests). */
    String refusal() {
        Link l = current;
        return l == null ? null : l.lastRefusal;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Link l = current;
        if (l != null) {
            // The library's channel destroy can wait for its context, which SCR may be destroying at
            // the same moment (this client being redeployed while a profile unsubscribes on its own
            // thread): seen holding a profile's thread for good. The caller never waits for it.
            Thread t = new Thread(l::destroy, "pva-channel-close");
            t.setDaemon(true);
            t.start();
        }
        onClose.accept(this);
    }

    /** One context's channel and monitor of this subscription, and the library's callbacks on them. */
    private final class Link implements ChannelRequester, MonitorRequester, EventQueue.Target {

        volatile Channel channel;
        private volatile Monitor monitor;
        private volatile NtReader reader;
        /**
         * The monitor selects only value, alarm and timeStamp (display and control never change, and
         * the library copies every monitored field of every update) until a server answers that
         * selection without an NT type: then, from that monitor on, every field.
         */
        private boolean wholeStructure;
        private volatile boolean connected;
        private boolean started;
        private volatile String lastRefusal;
        private boolean badTimeLogged;

        private boolean live() {
            return !closed && current == this;
        }

        @Override
        public String getRequesterName() {
            return pvName;
        }

        @Override
        public void message(String message, MessageType type) {
            if (live()) {
                LOG.info("{}: {} ({})", pvName, message, type);
            }
        }

        @Override
        public void channelCreated(Status status, Channel ch) {
            if (!status.isSuccess() && live()) {
                LOG.warn("{}: the pvAccess library refused the channel: {}", pvName, status.getMessage());
            }
        }

        @Override
        public void channelStateChange(Channel ch, Channel.ConnectionState state) {
            if (!live()) {
                return;
            }
            switch (state) {
                case CONNECTED -> {
                    connected = true;
                    queue.offerConnection(this, true);   // before the monitor exists: so before its first value
                    synchronized (this) {
                        if (monitor == null) {
                            // The event's channel: for a PV already known, it may connect before createChannel returned.
                            monitor = ch.createMonitor(this, wholeStructure ? PvaClient.REQUEST : PvaClient.MONITOR_REQUEST);
                        }
                    }
                }
                case DISCONNECTED -> {
                    connected = false;
                    queue.offerConnection(this, false);
                }
                default -> {
                    // NEVER_CONNECTED; DESTROYED is our own doing
                }
            }
        }

        @Override
        public synchronized void monitorConnect(Status status, Monitor m, Structure structure) {
            if (!live()) {
                return;
            }
            if (!status.isSuccess() || structure == null) {
                if (!wholeStructure && monitorWholeStructure(m)) {
                    return;
                }
                LOG.warn("{}: the server refused the monitor: {}", pvName, status.getMessage());
                return;
            }
            try {
                reader = NtReader.of(pvName, structure);
                lastRefusal = null;
            } catch (NtReader.Refused refused) {
                if (!wholeStructure && monitorWholeStructure(m)) {
                    return;   // the selection may have lost the type id (pvDataJava's copy does): the whole decides
                }
                reader = null;
                if (!refused.getMessage().equals(lastRefusal)) {   // once, not at every reconnect
                    lastRefusal = refused.getMessage();
                    LOG.error("{}; it delivers nothing", lastRefusal);
                }
                return;
            }
            if (!started) {
                // once: after a reconnect the library restarts a started monitor by itself
                started = true;
                m.start();
            }
        }

        /** Called with this locked: replaces the monitor of the selection by one of every field; false if there is no channel. */
        private boolean monitorWholeStructure(Monitor selection) {
            Channel ch = channel;
            if (ch == null) {
                return false;
            }
            wholeStructure = true;
            started = false;
            reader = null;
            try {
                selection.destroy();
            } catch (RuntimeException e) {
                LOG.debug("{}: closing the monitor of the selection: {}", pvName, e.toString());
            }
            monitor = ch.createMonitor(this, PvaClient.REQUEST);
            return true;
        }

        @Override
        public void monitorEvent(Monitor m) {
            MonitorElement e;
            while ((e = m.poll()) != null) {
                long received = PvaClient.nowNanos();
                PvUpdate u = null;
                try {
                    NtReader r = reader;
                    if (r != null && live()) {
                        synchronized (this) {
                            u = r.read(pvName, e.getPVStructure(), received);
                            if (r.lastTimeWasBad() && !badTimeLogged) {
                                badTimeLogged = true;
                                LOG.warn("{} sends invalid timestamps; using the receive time for them", pvName);
                            }
                        }
                    }
                } catch (RuntimeException bad) {
                    LOG.warn("{}: cannot read an update: {}", pvName, bad.toString());
                } finally {
                    m.release(e);
                }
                if (u != null) {
                    queue.offerUpdate(this, u);
                }
            }
        }

        /**
         * The server ended the monitor: it sends nothing more, and the library, which counts it
         * destroyed, does not re-create it when the channel reconnects (pvAccessJava's server ends
         * every monitor this way when it shuts down, e.g. Syncscope's own pvas when its bundle is
         * updated). So the listener is told disconnected now, and the next connect makes a new
         * monitor.
         */
        @Override
        public void unlisten(Monitor m) {
            // m is not the Monitor createMonitor returned (the library passes its queue), so not compared
            synchronized (this) {
                if (monitor == null) {
                    return;
                }
                monitor = null;
                started = false;
            }
            if (live()) {
                LOG.info("{}: the server ended the monitor; a new one is made when the channel connects again", pvName);
                connected = false;
                queue.offerConnection(this, false);
            }
        }

        @Override
        public void deliverUpdate(PvUpdate update) {
            if (live() && listenerConnected) {
                try {
                    listener.onUpdate(update);
                } catch (RuntimeException e) {
                    LOG.warn("listener of {} failed on an update", pvName, e);
                }
            }
        }

        @Override
        public void deliverConnection(boolean now) {
            if (!live() || now == listenerConnected) {
                return;
            }
            listenerConnected = now;
            try {
                listener.onConnectionChanged(pvName, now);
            } catch (RuntimeException e) {
                LOG.warn("listener of {} failed on connection change", pvName, e);
            }
        }

        void destroy() {
            Monitor m = monitor;
            Channel c = channel;
            try {
                if (m != null) {
                    m.destroy();
                }
                if (c != null) {
                    c.destroy();
                }
            } catch (RuntimeException e) {
                LOG.debug("closing {}: {}", pvName, e.toString());
            }
        }
    }
}
