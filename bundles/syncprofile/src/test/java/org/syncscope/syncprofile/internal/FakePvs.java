package org.syncscope.syncprofile.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvException;
import org.syncscope.api.pv.PvListener;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSource;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.pv.Subscription;

/** In-memory PvSource and PvPublisher test doubles: scripted updates in, recorded posts out. */
final class FakePvs {

    /** One post as the publisher received it. */
    record Post(double value, long timestamp, AlarmSeverity severity) {
    }

    static final class Source implements PvSource {
        final Map<String, PvListener> listeners = new ConcurrentHashMap<>();
        final List<String> closed = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public Subscription subscribe(String pvName, PvListener listener) {
            listeners.put(pvName, listener);
            return new Subscription() {
                @Override
                public String pvName() {
                    return pvName;
                }

                @Override
                public boolean isConnected() {
                    return true;
                }

                @Override
                public void close() {
                    listeners.remove(pvName, listener);
                    closed.add(pvName);
                }
            };
        }

        @Override
        public PvUpdate get(String pvName, Duration timeout) throws PvException {
            throw new PvException("not used");
        }

        void connect(String pv, boolean connected) {
            listeners.get(pv).onConnectionChanged(pv, connected);
        }

        void update(String pv, long sourceNanos) {
            update(pv, sourceNanos, new PvValue.DoubleValue(0));
        }

        void update(String pv, long sourceNanos, PvValue value) {
            update(pv, sourceNanos, value, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        }

        void update(String pv, long sourceNanos, PvValue value, AlarmSeverity severity, AlarmStatus status) {
            listeners.get(pv).onUpdate(new PvUpdate(pv, value, sourceNanos, sourceNanos + 1_000_000, severity, status));
        }
    }

    static class Publisher implements PvPublisher {
        final Map<String, List<Post>> posts = new ConcurrentHashMap<>();
        final List<String> closed = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public PublishedPv publish(PvSpec spec) {
            if (spec.name().length() > 60) {
                throw new IllegalArgumentException("PV name '" + spec.name() + "' is too long");
            }
            if (posts.putIfAbsent(spec.name(), java.util.Collections.synchronizedList(new ArrayList<>())) != null) {
                throw new IllegalArgumentException("PV " + spec.name() + " is already published");
            }
            return new PublishedPv() {
                @Override
                public PvSpec spec() {
                    return spec;
                }

                @Override
                public void post(PvValue value, long timestampNanos, AlarmSeverity severity, AlarmStatus status) {
                    recorded(spec.name());
                    List<Post> list = posts.get(spec.name());
                    if (list == null) {
                        throw new IllegalStateException("PV " + spec.name() + " was closed");
                    }
                    double v = value instanceof PvValue.LongValue l ? l.value() : ((PvValue.DoubleValue) value).value();
                    list.add(new Post(v, timestampNanos, severity));
                }

                @Override
                public int subscriberCount() {
                    return 0;
                }

                @Override
                public void close() {
                    if (posts.remove(spec.name()) != null) {
                        closed.add(spec.name());
                    }
                }
            };
        }

        @Override
        public List<PublishedPv> published() {
            return List.of();
        }

        /** Called before each post is recorded (a test slows it down here). */
        void recorded(String name) {
        }

        boolean has(String name) {
            return posts.containsKey(name);
        }

        Post last(String name) {
            List<Post> list = posts.get(name);
            if (list == null || list.isEmpty()) {
                throw new AssertionError("nothing posted to " + name + " (published: " + posts.keySet() + ")");
            }
            return list.get(list.size() - 1);
        }

        int count(String name) {
            return posts.get(name).size();
        }
    }

    private FakePvs() {
    }
}
