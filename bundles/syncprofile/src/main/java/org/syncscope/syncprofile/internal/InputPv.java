package org.syncscope.syncprofile.internal;

import org.syncscope.api.pv.PvListener;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.Subscription;
import org.syncscope.stats.FrequencyTracker;
import org.syncscope.stats.Stats;

/**
 * One input PV of a profile: its monitor, frequency tracker and the state of its five frequency
 * outputs (one stamp and validity for the five, as for a pair's); the outputs exist as PVs only
 * while clients have them open.
 */
final class InputPv {

    final String name;
    final FrequencyTracker frequency;
    /** Its position in the profile's {@code pvs}. */
    int index;
    /** The time its outputs carry: each sample's, never earlier than the one before. */
    long stamp;
    boolean invalid;
    boolean hasValue;
    boolean dirty;
    /** Values from before a restart (a new window or mode), shown until the first new sample; else null. */
    double[] frozen;
    /** Its outputs clients have open; null when none. */
    OpenOutputs open;
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

    /** Output {@code slot} (instant, avg, min, max, std, Hz); NaN without a value. */
    double value(int slot) {
        if (frozen != null) {
            return frozen[slot];
        }
        Stats s = frequency.stats();
        switch (slot) {
            case 0:
                return frequency.instant();
            case 1:
                return s.mean();
            case 2:
                return s.min();
            case 3:
                return s.max();
            default:
                return s.std();
        }
    }

    /** Keeps the values shown now, to be read until the first sample of a restarted tracker. */
    void freezeFrom(InputPv old) {
        if (old.hasValue) {
            frozen = new double[OutputField.PER_GROUP];
            for (int k = 0; k < frozen.length; k++) {
                frozen[k] = old.value(k);
            }
            hasValue = true;
        }
        stamp = old.stamp;
        invalid = old.invalid;
    }
}
