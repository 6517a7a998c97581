package org.syncscope.eventsystem.sim.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;
import org.syncscope.eventsystem.sim.SimEventSystems;
import org.syncscope.eventsystem.sim.SimState;

/**
 * The registry of this bundle's {@link SimInstance}s for {@code eventsystem:list}: each instance
 * reports its state here (running, or refused and why) and removes itself when it goes.
 */
@Component(service = SimEventSystems.class)
public final class SimInstances implements SimEventSystems {

    /** The service filter that picks this registry (SimInstance's reference). */
    static final String TARGET = "(component.name=org.syncscope.eventsystem.sim.internal.SimInstances)";

    private final Map<SimInstance, SimState> states = new ConcurrentHashMap<>();

    void report(SimInstance instance, SimState state) {
        states.put(instance, state);
    }

    void remove(SimInstance instance) {
        states.remove(instance);
    }

    @Override
    public List<SimState> all() {
        return states.values().stream().sorted(Comparator.comparing(SimState::origin)).toList();
    }
}
