package org.syncscope.pmc.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.time.EpicsTime;

/**
 * A PvPublisher that keeps every post with its time stamp and the wall-clock moment it was posted,
 * for checks that stamps never go back and are never older than the reading they belong to.
 */
final class StampRecorder implements PvPublisher {

    /** One post; {@code postedAtNanos} is the wall clock (Unix ns) when {@code post} was called. */
    record Post(String name, PvValue value, long stampNanos, long postedAtNanos, AlarmSeverity severity,
                AlarmStatus status) {

        /** The enum label, or the value's text. */
        String text() {
            return value instanceof PvValue.EnumValue e ? e.label() : value.toString();
        }
    }

    private final List<Post> posts = new ArrayList<>();
    private final Map<String, PublishedPv> served = new ConcurrentHashMap<>();
    /** How many times {@code publish} was called: a PV withdrawn and re-created counts twice. */
    final AtomicInteger publishCalls = new AtomicInteger();

    @Override
    public PublishedPv publish(PvSpec spec) {
        publishCalls.incrementAndGet();
        PublishedPv pv = new PublishedPv() {
            @Override
            public PvSpec spec() {
                return spec;
            }

            @Override
            public void post(PvValue value, long timestampNanos, AlarmSeverity severity, AlarmStatus status) {
                long now = EpicsTime.unixNanos(Instant.now());
                synchronized (posts) {
                    posts.add(new Post(spec.name(), value, timestampNanos, now, severity, status));
                }
            }

            @Override
            public int subscriberCount() {
                return 0;
            }

            @Override
            public void close() {
                served.remove(spec.name(), this);
            }
        };
        if (served.putIfAbsent(spec.name(), pv) != null) {
            throw new IllegalArgumentException("PV " + spec.name() + " is already published");
        }
        return pv;
    }

    @Override
    public List<PublishedPv> published() {
        return new ArrayList<>(served.values());
    }

    /** The names served now. */
    List<String> servedNames() {
        return new ArrayList<>(served.keySet());
    }

    /** Every post so far, in order. */
    List<Post> posts() {
        synchronized (posts) {
            return new ArrayList<>(posts);
        }
    }

    /** Every post of one PV so far, in order. */
    List<Post> posts(String name) {
        return posts().stream().filter(p -> p.name().equals(name)).toList();
    }

    /** The last post of one PV, or null. */
    Post last(String name) {
        List<Post> of = posts(name);
        return of.isEmpty() ? null : of.get(of.size() - 1);
    }

    /** How many posts there were so far (an index for {@link #since}). */
    int count() {
        synchronized (posts) {
            return posts.size();
        }
    }

    /** The posts after the first {@code index}. */
    List<Post> since(int index) {
        synchronized (posts) {
            return new ArrayList<>(posts.subList(index, posts.size()));
        }
    }
}
