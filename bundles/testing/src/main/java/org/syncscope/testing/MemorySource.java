package org.syncscope.testing;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PvException;
import org.syncscope.api.pv.PvListener;
import org.syncscope.api.pv.PvSource;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.pv.Subscription;

/**
 * An in-memory PvSource the test drives by hand: it keeps every subscription, delivers the
 * connection changes and updates the test makes to the open ones, and answers {@code get} from
 * {@link #values}. Like the CA client, it refuses a name that is empty or holds a blank.
 * Callbacks run on the test's thread.
 */
public final class MemorySource implements PvSource {

    /** Every subscription made, in order, closed ones included. */
    public final List<Sub> subscriptions = new CopyOnWriteArrayList<>();
    /** What {@code get} answers, by PV name; a name not here is a {@link PvException}. */
    public final Map<String, PvUpdate> values = new ConcurrentHashMap<>();
    /** The open subscriptions by PV name, so a test's updates reach theirs without a scan. */
    private final Map<String, List<Sub>> openByName = new ConcurrentHashMap<>();

    @Override
    public Subscription subscribe(String pvName, PvListener listener) {
        if (pvName.isEmpty() || pvName.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("bad name '" + pvName + "'");
        }
        Sub s = new Sub(pvName, listener, this);
        subscriptions.add(s);
        openByName.computeIfAbsent(pvName, k -> new CopyOnWriteArrayList<>()).add(s);
        return s;
    }

    @Override
    public PvUpdate get(String pvName, Duration timeout) throws PvException {
        PvUpdate u = values.get(pvName);
        if (u == null) {
            throw new PvException("no value of " + pvName + " in this test");
        }
        return u;
    }

    /** The open subscriptions, in order. */
    public List<Sub> open() {
        return subscriptions.stream().filter(s -> !s.closed).toList();
    }

    /** The open subscriptions of one PV. */
    public List<Sub> open(String pv) {
        return List.copyOf(openByName.getOrDefault(pv, List.of()));
    }

    /** The names with an open subscription. */
    public Set<String> subscribed() {
        Set<String> names = new LinkedHashSet<>();
        open().forEach(s -> names.add(s.name));
        return names;
    }

    /** How many open subscriptions {@code pv} has. */
    public int subscribers(String pv) {
        return open(pv).size();
    }

    /** The listener of the one open subscription of {@code pv}; an AssertionError if there is none or more. */
    public PvListener listener(String pv) {
        List<Sub> of = open(pv);
        if (of.size() != 1) {
            throw new AssertionError(of.size() + " open subscriptions of " + pv + " (open: " + subscribed() + ")");
        }
        return of.get(0).listener;
    }

    /** The names of the closed subscriptions, in the order they were made. */
    public List<String> closed() {
        return subscriptions.stream().filter(s -> s.closed).map(s -> s.name).toList();
    }

    /** Tells every open subscription of {@code pv} it (dis)connected; returns how many were told. */
    public int connect(String pv, boolean connected) {
        List<Sub> of = open(pv);
        of.forEach(s -> s.listener.onConnectionChanged(pv, connected));
        return of.size();
    }

    /** Delivers {@code u} to every open subscription of its PV; returns how many got it. */
    public int update(PvUpdate u) {
        List<Sub> of = open(u.pvName());
        of.forEach(s -> s.listener.onUpdate(u));
        return of.size();
    }

    /** An update of value 0 stamped {@code sourceNanos} at the source, received 1 ms later, no alarm. */
    public int update(String pv, long sourceNanos) {
        return update(pv, sourceNanos, new PvValue.DoubleValue(0));
    }

    /** An update stamped {@code sourceNanos} at the source, received 1 ms later, no alarm. */
    public int update(String pv, long sourceNanos, PvValue value) {
        return update(pv, sourceNanos, value, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
    }

    /** An update stamped {@code sourceNanos} at the source, received 1 ms later, with this alarm. */
    public int update(String pv, long sourceNanos, PvValue value, AlarmSeverity severity, AlarmStatus status) {
        return update(new PvUpdate(pv, value, sourceNanos, sourceNanos + 1_000_000, severity, status));
    }

    /** One subscription: the test may drive it alone. */
    public static final class Sub implements Subscription {
        public final String name;
        public final PvListener listener;
        public volatile boolean closed;
        private final MemorySource source;

        Sub(String name, PvListener listener, MemorySource source) {
            this.name = name;
            this.listener = listener;
            this.source = source;
        }

        /** Tells its listener the PV connected. */
        public void connect() {
            listener.onConnectionChanged(name, true);
        }

        /** Hands its listener an update of this value (stamps 1, no alarm), closed or not: a late callback. */
        public void send(PvValue value) {
            listener.onUpdate(new PvUpdate(name, value, 1, 1, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM));
        }

        @Override
        public String pvName() {
            return name;
        }

        @Override
        public boolean isConnected() {
            return !closed;
        }

        @Override
        public void close() {
            closed = true;
            List<Sub> of = source.openByName.get(name);
            if (of != null) {
                of.remove(this);
            }
        }
    }
}
