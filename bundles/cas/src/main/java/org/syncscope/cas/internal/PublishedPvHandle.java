package org.syncscope.cas.internal;

import java.util.function.Consumer;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;

/** A publisher's handle on one served PV. */
final class PublishedPvHandle implements PublishedPv {

    private final ServedPv pv;
    private final Consumer<PublishedPv> onClose;
    private volatile boolean closed;

    PublishedPvHandle(ServedPv pv, Consumer<PublishedPv> onClose) {
        this.pv = pv;
        this.onClose = onClose;
    }

    /** A look at someone else's PV: it cannot post or close. */
    static PublishedPvHandle view(ServedPv pv) {
        return new PublishedPvHandle(pv, null);
    }

    /** The PV it posts to. */
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
            throw new IllegalStateException("PV " + pv.getName() + " belongs to another publisher");
        }
        if (closed) {
            throw new IllegalStateException("PV " + pv.getName() + " was closed");
        }
    }

    @Override
    public int subscriberCount() {
        return pv.monitorCount();
    }

    /** Closed by its owner: withdraws the PV (once). */
    @Override
    public void close() {
        if (onClose != null && markClosed()) {
            onClose.accept(this);
        }
    }

    /**
     * Closed by the server (an on-demand PV withdrawn): posts fail from now on, and the owner's
     * close does nothing more. Returns whether it was open, i.e. whether the owner is to be told.
     */
    boolean withdrawn() {
        return markClosed();
    }

    /** Whether this call closed it: an owner's close and the server's withdraw may race. */
    private synchronized boolean markClosed() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }

    @Override
    public String toString() {
        return "PublishedPv[" + pv.getName() + "]";
    }
}
