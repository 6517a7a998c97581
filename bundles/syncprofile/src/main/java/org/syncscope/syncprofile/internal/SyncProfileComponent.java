package org.syncscope.syncprofile.internal;

import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.config.ConfigCheck;
import org.syncscope.api.config.InvalidConfigException;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSource;
import org.syncscope.syncprofile.ProfileConfigurations;
import org.syncscope.syncprofile.ProfileNames;
import org.syncscope.syncprofile.ProfileState;
import org.syncscope.syncprofile.ProfileState.State;

/**
 * One sync profile per factory configuration ({@code etc/org.syncscope.syncprofile-NAME.cfg}).
 * Edits apply live through {@link #modified}; a refused edit is logged and the profile keeps its
 * previous settings. The PvSource is chosen by {@code source.target}.
 *
 * <p>Source and publisher are optional, dynamic and greedy: when the CA client or server bundle
 * is restarted or updated, the profile stays active with its statistics, its outputs read
 * INVALID (or are withdrawn) meanwhile, and it subscribes and publishes again when they return.
 * Bind and unbind only queue work on the profile's thread; they never wait.
 *
 * <p>A refused configuration (a value that is not a number, a bad name, a name another
 * configuration holds, a heap estimate that does not fit) never throws out of activate or
 * modified: the component stays active without a profile, nothing of it is built, the reason is
 * logged once and shown by {@code syncprofile:list}; fixing the file starts it. Every wait here
 * is bounded (the profile's thread answers within {@link SyncProfile#ANSWER_MILLIS}, its end is
 * awaited {@link #LANE_EXIT_MILLIS}), since Config Admin delivers every configuration on one thread.
 *
 * <p>Not a service: each instance reports to the bundle's {@link ProfileRegistry} (a static,
 * mandatory reference: same bundle, same lifetime), which the console reads.
 */
@Component(service = {}, configurationPid = SyncProfileConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = SyncProfileConfig.class, factory = true)
public final class SyncProfileComponent {

    private static final Logger LOG = LoggerFactory.getLogger(SyncProfileComponent.class);
    /** How long deactivate waits for a closed profile's thread to end before it goes on without it. */
    static final long LANE_EXIT_MILLIS = 2_000;

    private final ProfileRegistry registry;
    private final String pid;
    private String name;
    private PvSource source;
    private PvPublisher publisher;
    /** Null while the configuration is refused: the component stays, so a fixed file starts the profile. */
    private SyncProfile profile;
    private ProfileLane lane;

    @Activate
    public SyncProfileComponent(@Reference(service = ProfileConfigurations.class, target = ProfileRegistry.TARGET)
                                ProfileConfigurations registry, SyncProfileConfig config,
                                Map<String, Object> properties) {
        // the target is this bundle's registry: registered only under its public interface, it is a ProfileRegistry
        this.registry = (ProfileRegistry) registry;
        this.pid = String.valueOf(properties.get("service.pid"));
        start(config, properties);
    }

    @Reference(name = "source", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindSource(PvSource next) {
        source = next;
        if (profile != null) {
            profile.setSource(next);
        }
    }

    synchronized void unbindSource(PvSource gone) {
        if (source == gone) {
            source = null;
        }
        if (profile != null) {
            profile.sourceGone(gone);
        }
    }

    @Reference(name = "publisher", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = PvPublisher.ALL_PROTOCOLS)
    synchronized void bindPublisher(PvPublisher next) {
        publisher = next;
        if (profile != null) {
            profile.setPublisher(next);
        }
    }

    synchronized void unbindPublisher(PvPublisher gone) {
        if (publisher == gone) {
            publisher = null;
        }
        if (profile != null) {
            profile.publisherGone(gone);
        }
    }

    /**
     * A running profile takes the edit live, or keeps its previous settings and says why; a new
     * name rebuilds it under that name; a refused configuration is tried again.
     */
    @Modified
    synchronized void modified(SyncProfileConfig config, Map<String, Object> properties) {
        if (profile == null) {
            start(config, properties);
            return;
        }
        String origin = ConfigCheck.origin(properties);
        try {
            ConfigCheck.require(SyncProfileConfig.class, properties);
            String nextName = ProfileNames.of(properties);
            String bad = ProfileNames.problem(nextName);
            if (bad != null) {
                throw new IllegalArgumentException("name: " + bad);
            }
            if (!nextName.equals(name)) {
                if (registry.heldByOther(nextName, pid)) {
                    throw new IllegalArgumentException("name: a sync profile named " + nextName + " is already running");
                }
                LOG.info("sync profile {} ({}): renamed to {}, started again under that name", name, origin, nextName);
                stopProfile();
                start(config, properties);
                return;
            }
            ProfileSettings next = ProfileSettings.of(config);
            ProfileSettings before = profile.settings();
            if (next.queueCapacity() != before.queueCapacity() || next.cpuPercent() != before.cpuPercent()) {
                throw new IllegalArgumentException("queueCapacity and cpuPercent take effect when the profile is "
                        + "started again (now " + before.queueCapacity() + " and " + before.cpuPercent() + ")");
            }
            registry.claim(name, pid, next);
            try {
                profile.apply(next);
            } catch (RuntimeException e) {
                registry.claim(name, pid, before);
                throw e;
            }
            registry.state(state(properties, State.RUNNING, ""));
        } catch (IllegalArgumentException | IllegalStateException bad) {
            String why = "change refused, previous settings stay: " + reason(bad);
            registry.state(state(properties, State.RUNNING, why));
            LOG.error("sync profile {} ({}): {}", name, origin, why);
        }
    }

    @Deactivate
    synchronized void deactivate() {
        registry.forget(pid);
        stopProfile();
    }

    /** Starts the profile, or records why its configuration is refused; nothing of a refused one is built. */
    private void start(SyncProfileConfig config, Map<String, Object> properties) {
        name = ProfileNames.of(properties);
        String origin = ConfigCheck.origin(properties);
        ProfileSettings settings;
        try {
            // before any method of config: a value that does not convert must name its key and file
            ConfigCheck.require(SyncProfileConfig.class, properties);
            String bad = ProfileNames.problem(name);
            if (bad != null) {
                throw new IllegalArgumentException("name: " + bad);
            }
            settings = ProfileSettings.of(config);
            registry.state(state(properties, State.STARTING, ""));
            registry.claim(name, pid, settings);
        } catch (IllegalArgumentException bad) {
            refuse(properties, origin, "configuration refused: " + reason(bad));
            return;
        }
        ProfileLane started = new WorkerLane(name, settings.queueCapacity(), settings.cpuPercent());
        try {
            SyncProfile built = new SyncProfile(name, settings, source, publisher, started);
            try {
                registry.add(built);
            } catch (RuntimeException e) {
                close(built, started);
                throw e;
            }
            profile = built;
            lane = started;
            registry.state(state(properties, State.RUNNING, ""));
        } catch (RuntimeException e) {
            registry.release(name, pid);
            refuse(properties, origin, "did not start: " + e.getMessage());
        }
    }

    private void refuse(Map<String, Object> properties, String origin, String why) {
        registry.state(state(properties, State.REFUSED, why));
        LOG.error("sync profile {} ({}): {}", name, origin, why);
    }

    private void stopProfile() {
        if (profile == null) {
            return;
        }
        registry.remove(profile);
        try {
            close(profile, lane);
        } finally {
            registry.release(name, pid);
            profile = null;
            lane = null;
        }
    }

    /** Closes a profile and waits, bounded, for its thread to end. */
    private void close(SyncProfile closing, ProfileLane itsLane) {
        try {
            closing.close();
        } catch (IllegalStateException late) {
            LOG.error("sync profile {}: {}; its thread is left to finish", name, late.getMessage());
            return;
        }
        try {
            if (!itsLane.awaitTermination(LANE_EXIT_MILLIS)) {
                LOG.warn("sync profile {}: its thread did not end within {} ms; left to finish", name,
                        LANE_EXIT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ProfileState state(Map<String, Object> properties, State state, String why) {
        Object pvs = properties.get("pvs");
        List<String> asked = pvs instanceof String[] a ? ProfileSettings.splitList(a)
                : pvs == null ? List.of() : ProfileSettings.splitList(new String[] {pvs.toString()});
        return new ProfileState(name, pid, ConfigCheck.origin(properties), state, why, asked);
    }

    /** The message, without the origin InvalidConfigException starts with (the list and the log show it apart). */
    private static String reason(RuntimeException bad) {
        return bad instanceof InvalidConfigException invalid ? String.join("; ", invalid.problems()) : bad.getMessage();
    }
}
