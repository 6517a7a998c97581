package org.syncscope.rebind;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PvException;
import org.syncscope.api.pv.PvListener;
import org.syncscope.api.pv.PvSource;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.pv.Subscription;

/** A source whose subscriptions the test drives by hand. */
final class FakeSource implements PvSource {

    final List<FakeSubscription> subscriptions = new CopyOnWriteArrayList<>();

    @Override
    public Subscription subscribe(String pvName, PvListener listener) {
        if (pvName.contains(" ")) {
            throw new IllegalArgumentException("bad name '" + pvName + "'");
        }
        FakeSubscription s = new FakeSubscription(pvName, listener);
        subscriptions.add(s);
        return s;
    }

    @Override
    public PvUpdate get(String pvName, Duration timeout) throws PvException {
        return update(pvName, 42);
    }

    List<FakeSubscription> open() {
        return subscriptions.stream().filter(s -> !s.closed).toList();
    }

    static PvUpdate update(String name, double v) {
        return new PvUpdate(name, new PvValue.DoubleValue(v), 1, 1, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
    }

    static final class FakeSubscription implements Subscription {
        final String name;
        final PvListener listener;
        volatile boolean closed;

        FakeSubscription(String name, PvListener listener) {
            this.name = name;
            this.listener = listener;
        }

        void connect() {
            listener.onConnectionChanged(name, true);
        }

        void send(double v) {
            listener.onUpdate(update(name, v));
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
        }
    }
}
