package org.syncscope.syncprofile.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.osgi.service.component.annotations.Component;

/**
 * The running profiles of this bundle, by name, for the console; and the heap they may take
 * together: {@value #HEAP_SHARE_PERCENT} % of the JVM's maximum heap (-Xmx), so the CA server, the
 * other capabilities and garbage collection keep the rest.
 */
@Component(service = ProfileRegistry.class)
public final class ProfileRegistry {

    static final int HEAP_SHARE_PERCENT = 60;

    private final Map<String, SyncProfile> profiles = new ConcurrentSkipListMap<>();
    private final Map<String, Long> reserved = new ConcurrentHashMap<>();
    private final Map<String, String> refusals = new ConcurrentSkipListMap<>();
    private final long budget;

    public ProfileRegistry() {
        this(Runtime.getRuntime().maxMemory() / 100 * HEAP_SHARE_PERCENT);
    }

    ProfileRegistry(long budgetBytes) {
        this.budget = budgetBytes;
    }

    /**
     * Reserves the estimated heap of a profile with these settings (replacing what the name held),
     * before anything is built.
     *
     * @throws IllegalArgumentException with the estimate, when it does not fit beside the others
     */
    synchronized void reserve(String name, ProfileSettings settings) {
        long need = StateEstimate.bytes(settings);
        long others = reserved.entrySet().stream().filter(e -> !e.getKey().equals(name))
                .mapToLong(Map.Entry::getValue).sum();
        if (others + need > budget) {
            throw new IllegalArgumentException("profile " + name + " needs about " + StateEstimate.explain(settings)
                    + ", more than the " + StateEstimate.mb(Math.max(0, budget - others)) + " left of the profiles' "
                    + StateEstimate.mb(budget) + " (" + HEAP_SHARE_PERCENT + " % of the maximum heap; fewer PVs, a "
                    + "smaller window or queueCapacity, or a larger heap: JAVA_MAX_MEM, see the README)");
        }
        reserved.put(name, need);
    }

    /** Gives back the reservation of {@code name}. */
    synchronized void release(String name) {
        reserved.remove(name);
    }

    void add(SyncProfile profile) {
        if (profiles.putIfAbsent(profile.name(), profile) != null) {
            throw new IllegalArgumentException("a sync profile named " + profile.name() + " is already running");
        }
    }

    void remove(SyncProfile profile) {
        profiles.remove(profile.name(), profile);
    }

    /** Records why the configuration of {@code name} was refused, for the console. */
    void refused(String name, String reason) {
        refusals.put(name, reason);
    }

    /** Forgets a refusal: the configuration was accepted or removed. */
    void accepted(String name) {
        refusals.remove(name);
    }

    /** Profile name to why its configuration was refused, in name order. */
    public Map<String, String> refusals() {
        return Map.copyOf(refusals);
    }

    /** Whether a profile of this name runs. */
    boolean has(String name) {
        return profiles.containsKey(name);
    }

    /** Every running profile, in name order. */
    public List<SyncProfile> all() {
        return List.copyOf(profiles.values());
    }

    public Optional<SyncProfile> get(String name) {
        return Optional.ofNullable(profiles.get(name));
    }
}
