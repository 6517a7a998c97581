package org.syncscope.ca.internal;

import gov.aps.jca.CAException;
import gov.aps.jca.Channel;
import gov.aps.jca.Monitor;
import gov.aps.jca.dbr.DBRType;
import gov.aps.jca.dbr.LABELS;
import gov.aps.jca.event.ConnectionEvent;
import gov.aps.jca.event.GetEvent;
import gov.aps.jca.event.MonitorEvent;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.pv.PvListener;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.Subscription;

/**
 * A monitor on one channel. The monitor is added at the first connection; CAJ re-establishes it
 * by itself after the server comes back, so a restarted IOC needs nothing from us. The listener
 * hears the connection before the first value of each connection (CAJ dispatches the connection
 * event before the monitor's first value, on one queue), and it may be moved to a new context
 * when the client's settings change: it then hears a disconnect and connects again there.
 */
final class CaSubscription implements Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(CaSubscription.class);

    private volatile gov.aps.jca.Context context;
    private final String pvName;
    private final PvListener listener;
    private final Consumer<CaSubscription> onClose;
    private volatile Channel channel;
    private volatile Monitor monitor;
    private volatile boolean connected;
    private volatile boolean closed;
    private volatile List<String> labels = List.of();
    private boolean badTimeLogged;

    CaSubscription(gov.aps.jca.Context context, String pvName, PvListener listener, Consumer<CaSubscription> onClose) {
        this.context = context;
        this.pvName = pvName;
        this.listener = listener;
        this.onClose = onClose;
    }

    synchronized void open() throws CAException {
        channel = context.createChannel(pvName, this::connectionChanged);
        context.flushIO();
    }

    private synchronized void connectionChanged(ConnectionEvent ev) {
        if (closed || (channel != null && ev.getSource() != channel)) {
            return;   // closed, or a late event of the channel on a context replaced since
        }
        boolean now = ev.isConnected();
        if (now && monitor == null) {
            // The event's channel, not our field: for a PV this context already knows, CAJ
            // reports the connection before createChannel has even returned.
            addMonitor((Channel) ev.getSource());
        }
        connected = now;
        try {
            listener.onConnectionChanged(pvName, now);
        } catch (RuntimeException e) {
            LOG.warn("listener of {} failed on connection change", pvName, e);
        }
    }

    private void addMonitor(Channel ch) {
        try {
            DBRType nativeType = ch.getFieldType();
            if (nativeType.isENUM()) {
                ch.get(DBRType.LABELS_ENUM, 1, (GetEvent ev) -> {
                    if (ev.getStatus().isSuccessful()) {
                        labels = List.of(((LABELS) ev.getDBR()).getLabels());
                    }
                });
            }
            monitor = ch.addMonitor(DbrUpdates.timeType(nativeType), ch.getElementCount(),
                    Monitor.VALUE | Monitor.ALARM, this::monitorChanged);
            context.flushIO();
        } catch (CAException | RuntimeException e) {
            LOG.warn("cannot add a monitor on {}: {}", pvName, e.toString());
        }
    }

    private synchronized void monitorChanged(MonitorEvent ev) {
        long received = ChannelAccessClient.nowNanos();
        if (closed || !ev.getStatus().isSuccessful() || ev.getDBR() == null || ev.getSource() != channel) {
            return;
        }
        PvUpdate update;
        try {
            update = DbrUpdates.toUpdate(pvName, ev.getDBR(), received, labels);
        } catch (IllegalArgumentException badTime) {
            // A record stamped outside EPICS time (e.g. nsec ≥ 1e9): keep the value, stamp it on arrival.
            if (!badTimeLogged) {
                badTimeLogged = true;
                LOG.warn("{} sends invalid timestamps ({}); using the receive time for them", pvName, badTime.getMessage());
            }
            PvUpdate raw = DbrUpdates.toUpdate(pvName, withoutTime(ev), received, labels);
            update = new PvUpdate(pvName, raw.value(), received, received, raw.severity(), raw.status());
        }
        try {
            listener.onUpdate(update);
        } catch (RuntimeException e) {
            LOG.warn("listener of {} failed on an update", pvName, e);
        }
    }

    private static gov.aps.jca.dbr.DBR withoutTime(MonitorEvent ev) {
        gov.aps.jca.dbr.DBR dbr = ev.getDBR();
        ((gov.aps.jca.dbr.TIME) dbr).setTimeStamp(new gov.aps.jca.dbr.TimeStamp(0, 0));
        return dbr;
    }

    /**
     * Opens the channel again on {@code next} (the client's settings changed); the old context is
     * destroyed by the caller, with this channel. The listener hears a disconnect first if it was connected.
     */
    synchronized void moveTo(gov.aps.jca.Context next) throws CAException {
        if (closed) {
            return;
        }
        channel = null;
        monitor = null;
        context = next;
        if (connected) {
            connected = false;
            try {
                listener.onConnectionChanged(pvName, false);
            } catch (RuntimeException e) {
                LOG.warn("listener of {} failed on connection change", pvName, e);
            }
        }
        open();
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
        return connected && !closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Monitor m = monitor;
        if (m != null) {
            try {
                m.clear();
            } catch (CAException | IllegalStateException e) {
                LOG.debug("clearing the monitor of {}: {}", pvName, e.toString());
            }
        }
        ChannelAccessClient.destroyQuietly(channel);
        onClose.accept(this);
    }
}
