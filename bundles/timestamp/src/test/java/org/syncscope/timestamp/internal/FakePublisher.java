package org.syncscope.timestamp.internal;

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

/** A PvPublisher that counts what is published and withdrawn and keeps the last post of each PV. */
final class FakePublisher implements PvPublisher {

    record Post(PvValue value, AlarmSeverity severity) {
    }

    final AtomicInteger published = new AtomicInteger();
    final AtomicInteger withdrawn = new AtomicInteger();
    final Map<String, Post> last = new ConcurrentHashMap<>();
    private final List<PublishedPv> live = new CopyOnWriteArrayList<>();

    @Override
    public PublishedPv publish(PvSpec spec) {
        published.incrementAndGet();
        PublishedPv pv = new PublishedPv() {
            @Override
            public PvSpec spec() {
                return spec;
            }

            @Override
            public void post(PvValue value, long timestampNanos, AlarmSeverity severity, AlarmStatus status) {
                last.put(spec.name(), new Post(value, severity));
            }

            @Override
            public int subscriberCount() {
                return 0;
            }

            @Override
            public void close() {
                withdrawn.incrementAndGet();
                live.remove(this);
            }
        };
        live.add(pv);
        return pv;
    }

    @Override
    public List<PublishedPv> published() {
        return new ArrayList<>(live);
    }
}
