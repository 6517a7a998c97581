package org.syncscope.syncprofile.internal;

import java.util.ArrayList;
import java.util.List;
import org.syncscope.api.pv.PvUpdate;

/**
 * A {@link ProfileLane} that runs everything on the caller's thread at once, so a test sees every
 * output as soon as it fed an update. Ticks run only when the test calls {@link #tick()}.
 */
final class InlineLane implements ProfileLane {

    private final List<Runnable> ticks = new ArrayList<>();
    private Sink sink;
    private boolean stopped;

    @Override
    public void start(Sink sink) {
        this.sink = sink;
    }

    @Override
    public boolean offer(InputPv.Connection from, PvUpdate update) {
        if (stopped) {
            return false;
        }
        sink.process(from, update);
        return true;
    }

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public Tick every(long periodNanos, Runnable task) {
        ticks.add(task);
        return () -> ticks.remove(task);
    }

    void tick() {
        List.copyOf(ticks).forEach(Runnable::run);
    }

    @Override
    public long dropped() {
        return 0;
    }

    @Override
    public int queued() {
        return 0;
    }

    @Override
    public int capacity() {
        return 1;
    }

    @Override
    public int discardQueued() {
        return 0;
    }

    @Override
    public void shutdown() {
        stopped = true;
    }

    @Override
    public boolean awaitTermination(long millis) {
        return true;
    }
}
