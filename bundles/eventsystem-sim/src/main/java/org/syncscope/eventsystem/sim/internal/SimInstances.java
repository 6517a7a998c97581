package org.syncscope.eventsystem.sim.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Every {@link SimInstance}, running or refused, for {@code eventsystem:list}. */
@Component(service = SimInstances.class)
public final class SimInstances {

    private final List<SimInstance> all = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "remove")
    void add(SimInstance instance) {
        all.add(instance);
    }

    void remove(SimInstance instance) {
        all.remove(instance);
    }

    public List<SimInstance> all() {
        return List.copyOf(all);
    }
}
