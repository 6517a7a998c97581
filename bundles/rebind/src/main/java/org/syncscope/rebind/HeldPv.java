package org.syncscope.rebind;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvReading;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;

/** One PV of a {@link RebindingPublisher}: its spec, its last value and its handle on the bound publisher, if any. */
final class HeldPv implements PublishedPv {

    private static final Logger LOG = LoggerFactory.getLogger(HeldPv.class);

    private record Posted(PvValue value, long timestampNanos, AlarmSeverity severity, AlarmStatus status) {
    }

    private final PvSpec spec;
    private final RebindingPublisher owner;
    // guarded by this: a post and a rebind of the same PV take turns, so the value last posted is the one served
    private PublishedPv served;
    private Posted last;
    private boolean closed;

    HeldPv(PvSpec spec, RebindingPublisher owner) {
        this.spec = spec;
        this.owner = owner;
    }

    @Override
    public PvSpec spec() {
        return spec;
    }

    /** First publication, while the owner publishes: a refusal goes to the caller. */
    synchronized void publishOn(PvPublisher publisher) {
        served = publisher.publish(spec);
    }

    /** Serves this PV (with its last value) on a newly bound publisher; a refusal is logged, the PV waits for the next bind. */
    synchronized void attach(PvPublisher publisher, String component) {
        if (closed) {
            return;
        }
        detach();
        try {
            served = publisher.publish(spec);
            if (last != null) {
                served.post(last.value(), last.timestampNanos(), last.severity(), last.status());
            }
        } catch (RuntimeException refused) {
            LOG.warn("{}: PV {} not published again on the new publisher: {}", component, spec.name(), refused.getMessage());
            detach();
        }
    }

    synchronized void detach() {
        if (served != null) {
            served.close();
            served = null;
        }
    }

    @Override
    public synchronized void post(PvValue value, long timestampNanos, AlarmSeverity severity, AlarmStatus status) {
        if (closed) {
            throw new IllegalStateException("PV " + spec.name() + " was closed");
        }
        if (served != null) {
            try {
                served.post(value, timestampNanos, severity, status);
            } catch (IllegalStateException withdrawn) {
                // the publisher is going away and its unbind has not reached us yet: keep the value for the next one
            }
        }
        last = new Posted(value, timestampNanos, severity, status);
    }

    /** The last post as a reader sees it; no value (UDF, INVALID) before the first. */
    synchronized PvReading reading() {
        return last == null ? new PvReading(null, 0, AlarmSeverity.INVALID, AlarmStatus.UDF)
                : new PvReading(last.value(), last.timestampNanos(), last.severity(), last.status());
    }

    @Override
    public synchronized int subscriberCount() {
        return served == null ? 0 : served.subscriberCount();
    }

    @Override
    public void close() {
        // leave the owner's list first: no later bind can publish this PV again
        owner.forget(this);
        synchronized (this) {
            closed = true;
            detach();
        }
    }

    @Override
    public String toString() {
        return "HeldPv[" + spec.name() + "]";
    }
}
