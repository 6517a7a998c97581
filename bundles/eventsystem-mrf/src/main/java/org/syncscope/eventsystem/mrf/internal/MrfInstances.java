package org.syncscope.eventsystem.mrf.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;
import org.syncscope.eventsystem.mrf.MrfReceiverState;
import org.syncscope.eventsystem.mrf.MrfReceivers;

/**
 * The registry of this bundle's {@link MrfInstance}s for {@code eventsystem:mrf}: each instance
 * adds itself when it starts and removes itself when it goes; {@link #all()} reads each one now.
 */
@Component(service = MrfReceivers.class)
public final class MrfInstances implements MrfReceivers {

    /** The service filter that picks this registry (MrfInstance's reference). */
    static final String TARGET = "(component.name=org.syncscope.eventsystem.mrf.internal.MrfInstances)";

    private final Set<MrfInstance> instances = ConcurrentHashMap.newKeySet();

    void add(MrfInstance instance) {
        instances.add(instance);
    }

    void remove(MrfInstance instance) {
        instances.remove(instance);
    }

    @Override
    public List<MrfReceiverState> all() {
        return instances.stream().map(MrfInstance::view).sorted(Comparator.comparing(MrfReceiverState::origin)).toList();
    }
}
