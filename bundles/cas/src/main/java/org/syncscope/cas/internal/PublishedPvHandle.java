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

    @Override
    public PvSpec spec() {
        return pv.spec();
    }

    @Override
    public void post(PvValue value, long timestampNanos, AlarmSeverity severity, AlarmStatus status) {
        if (onClose == null) {
            throw new IllegalStateException("PV " + pv.getName() + " belongs to another publisher");
        }
        if (closed) {
            throw new IllegalStateException("PV " + pv.getName() + " was closed");
        }
        pv.post(value, timestampNanos, severity, status);
    }

    @Override
    public int subscriberCount() {
        return pv.monitorCount();
    }

    @Override
    public void close() {
        if (onClose != null && !closed) {
            closed = true;
            onClose.accept(this);
        }
    }

    @Override
    public String toString() {
        return "PublishedPv[" + pv.getName() + "]";
    }
}
