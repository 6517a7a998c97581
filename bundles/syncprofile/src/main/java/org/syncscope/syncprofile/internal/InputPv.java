package org.syncscope.syncprofile.internal;

import java.util.ArrayList;
import java.util.List;
import org.syncscope.api.pv.PvListener;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.Subscription;
import org.syncscope.stats.FrequencyTracker;
import org.syncscope.stats.Stats;

/** One input PV of a profile: its monitor, frequency tracker and five frequency outputs. */
final class InputPv {

    final String name;
    final FrequencyTracker frequency;
    final List<PairOutputs> pairs = new ArrayList<>();
    Outputs outputs;
    Subscription subscription;
    /** The listener of the current subscription; updates from an earlier one are ignored. */
    Listener listener;
    /** The current subscription's latest connection as the profile has applied it; updates of an earlier one are ignored. */
    Connection connection;
    boolean connected;
    /** The time outputs were stamped with for this PV's latest update used in statistics. */
    long postTime;
    boolean closed;
    long updates;
    long rejectedTimes;

    InputPv(String name, int window) {
        this.name = name;
        this.frequency = new FrequencyTracker(window);
    }

    /**
     * One subscription's listener: hands updates to the profile's lane (dropping them when its
     * queue is full) and connection changes to its control queue, which never drops. Control work
     * runs before queued updates, so each update carries the {@link Connection} it arrived in:
     * the profile ignores an update processed after a later connection change, and knows the first
     * update of each connection (the channel's current value, stamped before it connected).
     */
    static final class Listener implements PvListener {
        final InputPv input;
        private final ProfileLane lane;
        private final ConnectionHandler connections;
        /** Updates before any connection change belong to this one (a source that reports none). */
        final Connection initial;
        private volatile Connection current;

        interface ConnectionHandler {
            void connection(Connection changed);
        }

        Listener(InputPv input, ProfileLane lane, ConnectionHandler connections) {
            this.input = input;
            this.lane = lane;
            this.connections = connections;
            this.initial = new Connection(this, true);
            this.current = initial;
        }

        @Override
        public void onUpdate(PvUpdate update) {
            lane.offer(current, update);
        }

        @Override
        public void onConnectionChanged(String pvName, boolean connected) {
            Connection next = new Connection(this, connected);
            current = next;
            lane.execute(() -> connections.connection(next));
        }
    }

    /** One connection (or disconnection) of a subscription: the updates that arrived during it. */
    static final class Connection {
        final Listener listener;
        final boolean connected;
        /** Whether its first update, the channel's current value, has been seen (profile thread only). */
        boolean currentValueSeen;

        Connection(Listener listener, boolean connected) {
            this.listener = listener;
            this.connected = connected;
        }
    }

    /** The five frequency PVs: {PV}:InstantFreq, AvgFreq, MinFreq, MaxFreq, StdFreq (Hz). */
    static final class Outputs {
        final OutputPv instant;
        final OutputPv avg;
        final OutputPv min;
        final OutputPv max;
        final OutputPv std;

        Outputs(OutputFactory f, String base) {
            instant = f.create(base + ":InstantFreq", "Hz", 3, "update frequency of the latest interval");
            avg = f.create(base + ":AvgFreq", "Hz", 3, "mean update frequency over the window");
            min = f.create(base + ":MinFreq", "Hz", 3, "lowest update frequency in the window");
            max = f.create(base + ":MaxFreq", "Hz", 3, "highest update frequency in the window");
            std = f.create(base + ":StdFreq", "Hz", 3, "population std of the update frequency");
        }

        void set(double instantHz, Stats s, long t, boolean immediate) {
            instant.set(instantHz, t, immediate);
            avg.set(s.mean(), t, immediate);
            min.set(s.min(), t, immediate);
            max.set(s.max(), t, immediate);
            std.set(s.std(), t, immediate);
        }

        List<OutputPv> all() {
            return List.of(instant, avg, min, max, std);
        }
    }
}
