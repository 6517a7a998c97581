package org.syncscope.timeav.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.syncscope.api.Registration;

/**
 * Hand-driven stand-ins for the device's thread and events. (PVs: {@code MemorySource} and
 * {@code RecordingPublisher} of org.syncscope.testing.)
 */
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
}
