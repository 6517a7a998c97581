package org.syncscope.syncprofile.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.osgi.service.component.annotations.Component;

/** The running profiles of this bundle, by name, for the console. */
@Component(service = ProfileRegistry.class)
public final class ProfileRegistry {

    private final Map<String, SyncProfile> profiles = new ConcurrentSkipListMap<>();

    void add(SyncProfile profile) {
        if (profiles.putIfAbsent(profile.name(), profile) != null) {
            throw new IllegalArgumentException("a sync profile named " + profile.name() + " is already running");
        }
    }

    void remove(SyncProfile profile) {
        profiles.remove(profile.name(), profile);
    }

    /** Every running profile, in name order. */
    public List<SyncProfile> all() {
        return List.copyOf(profiles.values());
    }

    public Optional<SyncProfile> get(String name) {
        return Optional.ofNullable(profiles.get(name));
    }
}
