package org.syncscope.publish.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.pv.WriteHandler;
import org.syncscope.api.time.EpicsTime;

/**
 * One PV served on every protocol: a handle per protocol server, and its last post, so a server
 * that comes (back) later serves it at once. A post goes to each handle in turn under this PV's
 * lock (a post and an attach take turns, so the value last posted is the one a new server gets);
 * the last post is kept in fields, so a post of a double allocates nothing here either.
 */
final class FanOutPv implements PublishedPv {

    private final PvSpec spec;
    private final Runnable forget;
    // guarded by this
    private final Map<String, PublishedPv> served = new LinkedHashMap<>();
    private PublishedPv[] handles = new PublishedPv[0];
    private boolean closed;
    private boolean hasLast;
    private boolean lastIsDouble;
    private double lastDouble;
    private PvValue lastValue;
    private long lastTime;
    private AlarmSeverity lastSeverity;
    private AlarmStatus lastStatus;

    FanOutPv(PvSpec spec, Runnable forget) {
        this.spec = spec;
        this.forget = forget;
    }

    @Override
    public PvSpec spec() {
        return spec;
    }

    /**
     * Serves this PV on {@code server} too, with its last value.
     *
     * @throws IllegalArgumentException if the server refuses the spec (nothing stays there)
     */
    synchronized void attach(String protocol, PvPublisher server) {
        if (closed) {
            return;
        }
        detach(protocol);
        PublishedPv pv = server.publish(specFor(protocol));
        if (hasLast) {
            try {
                if (lastIsDouble) {
                    pv.post(lastDouble, lastTime, lastSeverity, lastStatus);
                } else {
                    pv.post(lastValue, lastTime, lastSeverity, lastStatus);
                }
            } catch (RuntimeException e) {
                pv.close();
                throw e;
            }
        }
        served.put(protocol, pv);
        handles = served.values().toArray(new PublishedPv[0]);
    }

    /**
     * The spec {@code protocol}'s server gets. A writable PV's handler is wrapped: a put that server
     * accepts (the component's handler did not refuse it) is posted to the other protocols' copies
     * too, so a value written over pvAccess reads back over Channel Access and the other way round.
     * The server that took the put posts it itself, as it does without this bundle.
     */
    private PvSpec specFor(String protocol) {
        if (!spec.writable()) {
            return spec;
        }
        WriteHandler handler = spec.writeHandler();
        return spec.withWriteHandler(value -> {
            handler.onWrite(value);   // a refusal (IllegalArgumentException) fails the put on that server
            written(protocol, value);
        });
    }

    private synchronized void written(String protocol, PvValue value) {
        if (closed) {
            return;
        }
        long now = EpicsTime.unixNanos(Instant.now());
        for (Map.Entry<String, PublishedPv> s : served.entrySet()) {
            if (!s.getKey().equals(protocol)) {
                try {
                    s.getValue().post(value, now, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
                } catch (IllegalStateException withdrawn) {
                    // its server is going away: it gets the value when it comes back
                }
            }
        }
        hasLast = true;
        lastIsDouble = false;
        lastValue = value;
        lastTime = now;
        lastSeverity = AlarmSeverity.NO_ALARM;
        lastStatus = AlarmStatus.NO_ALARM;
    }

    /**
     * Adds a handle a server made (a catalog PV it opened on demand): from now on it gets every
     * post, starting with the last one.
     */
    synchronized void adopt(String protocol, PublishedPv pv) {
        if (closed) {
            return;
        }
        if (hasLast) {
            if (lastIsDouble) {
                pv.post(lastDouble, lastTime, lastSeverity, lastStatus);
            } else {
                pv.post(lastValue, lastTime, lastSeverity, lastStatus);
            }
        }
        served.put(protocol, pv);
        handles = served.values().toArray(new PublishedPv[0]);
    }

    /** Drops {@code protocol}'s handle if it is {@code pv} (its server stopped serving it); whether none is left. */
    synchronized boolean release(String protocol, PublishedPv pv) {
        if (served.get(protocol) != pv) {
            return false;
        }
        served.remove(protocol);
        handles = served.values().toArray(new PublishedPv[0]);
        return served.isEmpty();
    }

    /** Withdraws it from {@code protocol}'s server, if served there. */
    synchronized void detach(String protocol) {
        PublishedPv pv = served.remove(protocol);
        if (pv != null) {
            handles = served.values().toArray(new PublishedPv[0]);
            closeQuietly(pv);
        }
    }

    synchronized boolean servedOn(String protocol) {
        return served.containsKey(protocol);
    }

    @Override
    public synchronized void post(PvValue value, long timestampNanos, AlarmSeverity severity, AlarmStatus status) {
        if (closed) {
            throw new IllegalStateException("PV " + spec.name() + " was closed");
        }
        for (PublishedPv pv : handles) {
            try {
                pv.post(value, timestampNanos, severity, status);
            } catch (IllegalStateException withdrawn) {
                // its server is going away and the unbind has not reached us yet: the next one gets the value
            }
        }
        hasLast = true;
        lastIsDouble = false;
        lastValue = value;
        lastTime = timestampNanos;
        lastSeverity = severity;
        lastStatus = status;
    }

    @Override
    public synchronized void post(double value, long timestampNanos, AlarmSeverity severity, AlarmStatus status) {
        if (closed) {
            throw new IllegalStateException("PV " + spec.name() + " was closed");
        }
        for (PublishedPv pv : handles) {
            try {
                pv.post(value, timestampNanos, severity, status);
            } catch (IllegalStateException withdrawn) {
                // as above
            }
        }
        hasLast = true;
        lastIsDouble = true;
        lastDouble = value;
        lastValue = null;
        lastTime = timestampNanos;
        lastSeverity = severity;
        lastStatus = status;
    }

    /** Monitors over every protocol. */
    @Override
    public synchronized int subscriberCount() {
        int n = 0;
        for (PublishedPv pv : handles) {
            n += pv.subscriberCount();
        }
        return n;
    }

    @Override
    public void close() {
        forget.run();   // first: no later attach publishes it again
        synchronized (this) {
            closed = true;
            for (PublishedPv pv : handles) {
                closeQuietly(pv);
            }
            served.clear();
            handles = new PublishedPv[0];
        }
    }

    private static void closeQuietly(PublishedPv pv) {
        try {
            pv.close();
        } catch (RuntimeException alreadyGone) {
            // its server went first
        }
    }

    @Override
    public String toString() {
        return "FanOutPv[" + spec.name() + "]";
    }
}
