package org.syncscope.timeav.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.syncscope.api.Registration;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvListener;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSource;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.pv.Subscription;

/** Hand-driven stand-ins: events fired by the test, a PV source it posts to, a publisher it reads. */
final class Fakes {

    private Fakes() {
    }

    /** Runs everything at once on the calling thread. */
    static final Executor DIRECT = Runnable::run;

    static final class ManualEvents implements EventSource {
        long now = 1_000_000_000_000L;
        final Map<String, List<Runnable>> periodic = new HashMap<>();
        final Map<Integer, List<Runnable>> clock = new HashMap<>();
        final List<Runnable> once = new ArrayList<>();

        @Override
        public long now() {
            return now;
        }

        @Override
        public Registration every(long periodNanos, boolean immediate, Runnable action) {
            String key = Long.toString(periodNanos);
            periodic.computeIfAbsent(key, k -> new ArrayList<>()).add(action);
            if (immediate) {
                action.run();
            }
            return () -> periodic.get(key).remove(action);
        }

        @Override
        public Registration onClockEvent(int event, long delayNanos, Runnable action) {
            if (event == 0) {
                throw new IllegalArgumentException("event 0 is outside 1..255");
            }
            clock.computeIfAbsent(event, k -> new ArrayList<>()).add(action);
            return () -> clock.get(event).remove(action);
        }

        @Override
        public Registration once(Runnable action) {
            once.add(action);
            action.run();
            return () -> { };
        }

        void tick(long periodMillis) {
            now += periodMillis * 1_000_000L;
            new ArrayList<>(periodic.getOrDefault(Long.toString(periodMillis * 1_000_000L), List.of())).forEach(Runnable::run);
        }

        void event(int number) {
            new ArrayList<>(clock.getOrDefault(number, List.of())).forEach(Runnable::run);
        }
    }

    static class Source implements PvSource {
        final Map<String, List<PvListener>> listeners = new HashMap<>();

        @Override
        public Subscription subscribe(String pvName, PvListener listener) {
            listeners.computeIfAbsent(pvName, k -> new ArrayList<>()).add(listener);
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
                    listeners.get(pvName).remove(listener);
                }
            };
        }

        @Override
        public PvUpdate get(String pvName, Duration timeout) {
            throw new UnsupportedOperationException();
        }

        void post(String pv, PvValue value) {
            for (PvListener l : new ArrayList<>(listeners.getOrDefault(pv, List.of()))) {
                l.onUpdate(new PvUpdate(pv, value, 0, 0, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM));
            }
        }

        /** An update the input marks INVALID with {@code status}. */
        void postInvalid(String pv, PvValue value, AlarmStatus status) {
            for (PvListener l : new ArrayList<>(listeners.getOrDefault(pv, List.of()))) {
                l.onUpdate(new PvUpdate(pv, value, 0, 0, AlarmSeverity.INVALID, status));
            }
        }

        /** The input's server went away ({@code false}) or came back ({@code true}). */
        void connection(String pv, boolean connected) {
            for (PvListener l : new ArrayList<>(listeners.getOrDefault(pv, List.of()))) {
                l.onConnectionChanged(pv, connected);
            }
        }

        int subscribers(String pv) {
            return listeners.getOrDefault(pv, List.of()).size();
        }
    }

    /** Keeps every PV's last post. */
    static class Publisher implements PvPublisher {
        // concurrent: component tests post from the device's thread and read on the test's
        final Map<String, PvSpec> specs = new ConcurrentHashMap<>();
        final Map<String, PvValue> values = new ConcurrentHashMap<>();
        final Map<String, AlarmSeverity> severities = new ConcurrentHashMap<>();
        final Map<String, Long> times = new ConcurrentHashMap<>();
        final Map<String, AlarmStatus> statuses = new ConcurrentHashMap<>();
        /** Every post, in order, per PV: its time. */
        final Map<String, List<Long>> history = new ConcurrentHashMap<>();

        @Override
        public PublishedPv publish(PvSpec spec) {
            specs.put(spec.name(), spec);
            return new PublishedPv() {
                @Override
                public PvSpec spec() {
                    return spec;
                }

                @Override
                public void post(PvValue value, long timestampNanos, AlarmSeverity severity, AlarmStatus status) {
                    values.put(spec.name(), value);
                    severities.put(spec.name(), severity);
                    times.put(spec.name(), timestampNanos);
                    statuses.put(spec.name(), status);
                    history.computeIfAbsent(spec.name(), k -> new ArrayList<>()).add(timestampNanos);
                }

                @Override
                public int subscriberCount() {
                    return 0;
                }

                @Override
                public void close() {
                    specs.remove(spec.name());
                    values.remove(spec.name());
                }
            };
        }

        @Override
        public List<PublishedPv> published() {
            return List.of();
        }

        double number(String pv) {
            return ((PvValue.DoubleValue) values.get(pv)).value();
        }

        String text(String pv) {
            return ((PvValue.StringValue) values.get(pv)).value();
        }

        void write(String pv, PvValue value) {
            specs.get(pv).writeHandler().onWrite(value);
        }
    }
}
