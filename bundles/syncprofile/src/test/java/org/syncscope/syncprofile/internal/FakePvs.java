package org.syncscope.syncprofile.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;

/**
 * The profile tests' publisher: records each post as a number, refuses names over 60 characters
 * and posts to a closed PV as the CA server does, and lets a test slow a post down. (The one
 * in-memory PvSource is {@code org.syncscope.testing.MemorySource}; {@code RecordingPublisher} keeps
 * no closed-PV refusal or name limit, which these tests check.)
 */
final class FakePvs {

    /** One post as the publisher received it. */
    record Post(double value, long timestamp, AlarmSeverity severity) {
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
                    // summary waveforms and pair names are recorded as NaN: these tests read numbers
                    double v = value instanceof PvValue.LongValue l ? l.value()
                            : value instanceof PvValue.DoubleValue d ? d.value() : Double.NaN;
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
