package org.syncscope.syncprofile.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.osgi.service.component.annotations.Component;
import org.syncscope.api.status.ProfileStatusProvider;
import org.syncscope.api.status.ProfileView;
import org.syncscope.syncprofile.ProfileConfigurations;
import org.syncscope.syncprofile.ProfileState;
import org.syncscope.syncprofile.ProfileStatus;
import org.syncscope.syncprofile.ProfileSummary;

/**
 * The profiles of this bundle for the console: every configuration with its state, and the
 * running profiles by name. Also who holds each name, so two configurations never build the same
 * profile, and the heap they may take together: {@value #HEAP_SHARE_PERCENT} % of the JVM's
 * maximum heap (-Xmx), so the CA server, the other capabilities and garbage collection keep the rest.
 *
 * <p>The bundle's one registry of its factory instances: every {@link SyncProfileComponent}
 * reaches it through a static reference and reports what became of its configuration; it is
 * registered as {@link ProfileConfigurations}, which the console commands inject, and as the
 * {@link ProfileStatusProvider} of the status page and the metrics.
 */
@Component(service = {ProfileConfigurations.class, ProfileStatusProvider.class})
public final class ProfileRegistry implements ProfileConfigurations, ProfileStatusProvider {

    static final int HEAP_SHARE_PERCENT = 60;
    /** The filter by which the profiles find this registry and no other {@link ProfileConfigurations}. */
    static final String TARGET = "(component.name=org.syncscope.syncprofile.internal.ProfileRegistry)";

    private final Map<String, SyncProfile> profiles = new ConcurrentSkipListMap<>();
    private final Map<String, ProfileState> states = new ConcurrentHashMap<>();
    /** Name to the configuration (PID) that holds it, and the heap it reserved: guarded by this. */
    private final Map<String, String> holders = new HashMap<>();
    private final Map<String, Long> reserved = new HashMap<>();
    /** Name to the output stems ({@code prefix + PV}) its profile publishes under: guarded by this. */
    private final Map<String, Set<String>> stems = new HashMap<>();
    private final long budget;

    public ProfileRegistry() {
        this(Runtime.getRuntime().maxMemory() / 100 * HEAP_SHARE_PERCENT);
    }

    ProfileRegistry(long budgetBytes) {
        this.budget = budgetBytes;
    }

    /**
     * Claims {@code name} for the configuration {@code pid}, the output names of a profile with
     * these settings, and its estimated heap, in one step and before anything is built: a second
     * configuration of the same name, or one whose outputs another profile publishes, is refused
     * before it subscribes or publishes anything. The holder claims again for an edit.
     *
     * @throws IllegalArgumentException naming the holder, or with the estimate when it does not fit
     */
    synchronized void claim(String name, String pid, ProfileSettings settings) {
        String holder = holders.get(name);
        if (holder != null && !holder.equals(pid)) {
            throw new IllegalArgumentException("a sync profile named " + name + " is already running" + from(holder));
        }
        Set<String> mine = new java.util.LinkedHashSet<>();
        settings.pvs().forEach(pv -> mine.add(settings.prefix() + pv));
        for (Map.Entry<String, Set<String>> other : stems.entrySet()) {
            if (other.getKey().equals(name)) {
                continue;
            }
            for (String stem : mine) {
                if (other.getValue().contains(stem)) {
                    throw new IllegalArgumentException("outputs " + stem + ":* are published by sync profile "
                            + other.getKey() + from(holders.get(other.getKey())) + "; a prefix keeps them apart");
                }
            }
        }
        reserve(name, settings);
        holders.put(name, pid);
        stems.put(name, mine);
    }

    private String from(String pid) {
        ProfileState state = pid == null ? null : states.get(pid);
        return state == null ? "" : " (" + state.origin() + ")";
    }

    /**
     * Reserves the estimated heap of a profile with these settings (replacing what the name held).
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

    /** Whether a configuration other than {@code pid} holds {@code name}. */
    synchronized boolean heldByOther(String name, String pid) {
        String holder = holders.get(name);
        return holder != null && !holder.equals(pid);
    }

    /** Gives back the name and reservation {@code pid} holds; nothing if another configuration holds the name. */
    synchronized void release(String name, String pid) {
        if (pid.equals(holders.get(name))) {
            release(name);
        }
    }

    /** Gives back the reservation of {@code name}, whoever holds it. */
    synchronized void release(String name) {
        holders.remove(name);
        reserved.remove(name);
        stems.remove(name);
    }

    void add(SyncProfile profile) {
        if (profiles.putIfAbsent(profile.name(), profile) != null) {
            throw new IllegalArgumentException("a sync profile named " + profile.name() + " is already running");
        }
    }

    void remove(SyncProfile profile) {
        profiles.remove(profile.name(), profile);
    }

    /** Records what became of a configuration, for the console. */
    void state(ProfileState state) {
        states.put(state.configuration(), state);
    }

    /** Forgets a configuration: it was deleted. */
    void forget(String pid) {
        states.remove(pid);
    }

    @Override
    public List<ProfileState> all() {
        return states.values().stream()
                .sorted(Comparator.comparing(ProfileState::name).thenComparing(ProfileState::origin)).toList();
    }

    @Override
    public Optional<ProfileSummary> summary(String name) {
        return get(name).map(SyncProfile::summary);
    }

    @Override
    public Optional<ProfileStatus> status(String name) {
        return get(name).map(SyncProfile::status);
    }

    @Override
    public Optional<ProfileStatus> status(String name, int maxPairs) {
        if (maxPairs < 0) {
            throw new IllegalArgumentException("maxPairs " + maxPairs + ": not negative");
        }
        return get(name).map(p -> p.status(maxPairs));
    }

    @Override
    public List<ProfileView> profiles(int maxPairs) {
        if (maxPairs < 0) {
            throw new IllegalArgumentException("maxPairs " + maxPairs + ": not negative");
        }
        List<ProfileView> views = new ArrayList<>();
        for (ProfileState state : all()) {
            views.add(ProfileViews.of(state, profiles.get(state.name()), maxPairs));
        }
        return views;
    }

    Optional<SyncProfile> get(String name) {
        return Optional.ofNullable(profiles.get(name));
    }
}
