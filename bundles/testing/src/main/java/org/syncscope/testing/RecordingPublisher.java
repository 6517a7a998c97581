package org.syncscope.testing;

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
 * A PvPublisher that keeps what is served and the last post of each PV, and counts publish and close
 * calls; posts may be made to fail. Like the CA server, it refuses a name already served.
 */
public final class RecordingPublisher implements PvPublisher {

    /** One post: the value and its alarm. */
    public record Post(PvValue value, AlarmSeverity severity, AlarmStatus status) {
    }

    /** The last post of each PV, by name. */
    public final Map<String, Post> last = new ConcurrentHashMap<>();
    /** The PVs published and not closed, by name. */
    public final Map<String, PublishedPv> served = new ConcurrentHashMap<>();
    /** How many times {@code publish} was called. */
    public final AtomicInteger publishCalls = new AtomicInteger();
    /** How many times a published PV was closed. */
    public final AtomicInteger closeCalls = new AtomicInteger();
    /** This many posts throw an exception without a message before posts succeed. */
    public final AtomicInteger failingPosts = new AtomicInteger();
    private final List<Posted> history = new ArrayList<>();

    /**
     * One post as it happened: {@code stampNanos} is the time stamp posted, {@code postedAtNanos}
     * the wall clock (Unix ns) when {@code post} was called — for checks that stamps never go back
     * and are never older than the reading they belong to.
     */
    public record Posted(String name, PvValue value, long stampNanos, long postedAtNanos, AlarmSeverity severity,
                         AlarmStatus status) {

        /** The enum label, or the value's text. */
        public String text() {
            return value instanceof PvValue.EnumValue e ? e.label() : value.toString();
        }
    }

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
                if (failingPosts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new IllegalArgumentException();
                }
                last.put(spec.name(), new Post(value, severity, status));
                long now = EpicsTime.unixNanos(Instant.now());
                synchronized (history) {
                    history.add(new Posted(spec.name(), value, timestampNanos, now, severity, status));
                }
            }

            @Override
            public int subscriberCount() {
                return 0;
            }

            @Override
            public void close() {
                closeCalls.incrementAndGet();
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

    /** Every post so far, in order. */
    public List<Posted> posts() {
        synchronized (history) {
            return new ArrayList<>(history);
        }
    }

    /** Every post of one PV so far, in order. */
    public List<Posted> posts(String name) {
        return posts().stream().filter(p -> p.name().equals(name)).toList();
    }

    /** The last post of one PV, or null. */
    public Posted lastPost(String name) {
        List<Posted> of = posts(name);
        return of.isEmpty() ? null : of.get(of.size() - 1);
    }

    /** How many posts there were so far (an index for {@link #since}). */
    public int count() {
        synchronized (history) {
            return history.size();
        }
    }

    /** The posts after the first {@code index}. */
    public List<Posted> since(int index) {
        synchronized (history) {
            return new ArrayList<>(history.subList(index, history.size()));
        }
    }

    /** The names served now. */
    public List<String> servedNames() {
        return new ArrayList<>(served.keySet());
    }
}
