package org.syncscope.pvas.internal;

import java.util.function.Consumer;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;

/** A publisher's (or a catalog's) handle on one served PV. */
final class PublishedPvHandle implements PublishedPv {

    private final ServedPv pv;
    private final Consumer<PublishedPvHandle> onClose;
    private volatile boolean closed;

    PublishedPvHandle(ServedPv pv, Consumer<PublishedPvHandle> onClose) {
        this.pv = pv;
        this.onClose = onClose;
    }

    /** A look at another publisher's PV: it cannot post or close. */
    static PublishedPvHandle view(ServedPv pv) {
        return new PublishedPvHandle(pv, null);
    }

    ServedPv pv() {
        return pv;
    }

    @Override
    public PvSpec spec() {
        return pv.spec();
    }

    @Override
    public void post(PvValue value, long timestampNanos, AlarmSeverity severity, AlarmStatus status) {
        checkOpen();
        pv.post(value, timestampNanos, severity, status);
    }

    /** Stores the bare number: nothing is allocated unless a client monitors the PV. */
    @Override
    public void post(double value, long timestampNanos, AlarmSeverity severity, AlarmStatus status) {
        checkOpen();
        pv.post(value, timestampNanos, severity, status);
    }

    private void checkOpen() {
        if (onClose == null) {
            throw new IllegalStateException("PV " + pv.name() + " belongs to another publisher");
        }
        if (closed) {
            throw new IllegalStateException("PV " + pv.name() + " was closed");
        }
    }

    @Override
    public int subscriberCount() {
        return pv.monitorCount();
    }

    @Override
    public void close() {
        if (onClose != null && markClosed()) {
            onClose.accept(this);
        }
    }

    /** Closed by the server (an on-demand PV withdrawn): whether it was open, i.e. whether the catalog is to be told. */
    boolean withdrawn() {
        return markClosed();
    }

    private synchronized boolean markClosed() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }

    @Override
    public String toString() {
        return "PublishedPv[" + pv.name() + "]";
    }
}
