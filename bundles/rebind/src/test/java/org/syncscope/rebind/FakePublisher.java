package org.syncscope.rebind;

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
 * A publisher that records what it serves; names listed in {@code refuse} are refused as a real
 * server refuses a bad name, and every PV reports 3 subscribers, so a test sees both pass through
 * RebindingPublisher (which org.syncscope.testing.RecordingPublisher, with 0 subscribers and no
 * refusal list, cannot show).
 */
final class FakePublisher implements PvPublisher {

    final Map<String, FakePv> served = new ConcurrentHashMap<>();
    final List<String> refuse = new ArrayList<>();

    @Override
    public PublishedPv publish(PvSpec spec) {
        if (refuse.contains(spec.name())) {
            throw new IllegalArgumentException("refused " + spec.name());
        }
        if (served.containsKey(spec.name())) {
            throw new IllegalArgumentException(spec.name() + " already served");
        }
        FakePv pv = new FakePv(spec, this);
        served.put(spec.name(), pv);
        return pv;
    }

    @Override
    public List<PublishedPv> published() {
        return List.copyOf(served.values());
    }

    static final class FakePv implements PublishedPv {
        final PvSpec spec;
        final FakePublisher server;
        volatile PvValue last;
        volatile boolean closed;

        FakePv(PvSpec spec, FakePublisher server) {
            this.spec = spec;
            this.server = server;
        }

        @Override
        public PvSpec spec() {
            return spec;
        }

        @Override
        public void post(PvValue value, long timestampNanos, AlarmSeverity severity, AlarmStatus status) {
            if (closed) {
                throw new IllegalStateException("closed");
            }
            last = value;
        }

        @Override
        public int subscriberCount() {
            return 3;
        }

        @Override
        public void close() {
            closed = true;
            server.served.remove(spec.name(), this);
        }
    }
}
