package org.syncscope.pva.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.syncscope.api.pv.PvListener;
import org.syncscope.api.pv.PvUpdate;

/** Records what a listener hears, and on which thread. */
final class Recorder implements PvListener {

    final List<PvUpdate> updates = new CopyOnWriteArrayList<>();
    final List<Boolean> connections = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    /** Connection changes and updates in order: "connected", "disconnected", or the update's value. */
    final List<Object> events = new CopyOnWriteArrayList<>();

    @Override
    public void onUpdate(PvUpdate update) {
        updates.add(update);
        threads.add(Thread.currentThread().getName());
        events.add(update.value());
    }

    @Override
    public void onConnectionChanged(String pvName, boolean connected) {
        connections.add(connected);
        threads.add(Thread.currentThread().getName());
        events.add(connected ? "connected" : "disconnected");
    }

    PvUpdate last() {
        return updates.get(updates.size() - 1);
    }

    boolean connected() {
        return !connections.isEmpty() && connections.get(connections.size() - 1);
    }
}
