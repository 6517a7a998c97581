package org.syncscope.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;

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
    /** Every time stamp posted to each PV, in posting order. */
    public final Map<String, List<Long>> stamps = new ConcurrentHashMap<>();

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
                stamps.computeIfAbsent(spec.name(), n -> new CopyOnWriteArrayList<>()).add(timestampNanos);
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
}
