package org.syncscope.syncprofile.internal;

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
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSource;

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
 * <p>A refused configuration (bad value, a heap estimate that does not fit) leaves the component
 * active without a profile and the reason in {@code syncprofile:list}; fixing the file starts it.
 */
@Component(service = SyncProfileComponent.class, configurationPid = SyncProfileConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = SyncProfileConfig.class, factory = true)
public final class SyncProfileComponent {

    private static final Logger LOG = LoggerFactory.getLogger(SyncProfileComponent.class);

    private final ProfileRegistry registry;
    private final String name;
    private PvSource source;
    private PvPublisher publisher;
    /** Null while the configuration is refused: the component stays, so a fixed file starts the profile. */
    private SyncProfile profile;

    @Activate
    public SyncProfileComponent(@Reference ProfileRegistry registry, SyncProfileConfig config,
                                Map<String, Object> properties) {
        this.registry = registry;
        this.name = profileName(config, properties);
        start(config);
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
            policyOption = ReferencePolicyOption.GREEDY)
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

    @Modified
    synchronized void modified(SyncProfileConfig config) {
        if (profile == null) {
            start(config);
            return;
        }
        try {
            ProfileSettings next = ProfileSettings.of(config);
            ProfileSettings before = profile.settings();
            if (next.queueCapacity() != before.queueCapacity() || next.cpuPercent() != before.cpuPercent()) {
                throw new IllegalArgumentException("queueCapacity and cpuPercent take effect when the profile is "
                        + "started again (now " + before.queueCapacity() + " and " + before.cpuPercent() + ")");
            }
            registry.reserve(name, next);
            try {
                profile.apply(next);
            } catch (RuntimeException e) {
                registry.reserve(name, before);
                throw e;
            }
            registry.accepted(name);
        } catch (IllegalArgumentException | IllegalStateException bad) {
            registry.refused(name, "change refused, previous settings stay: " + bad.getMessage());
            LOG.error("sync profile {}: configuration change refused, previous settings stay: {}", name,
                    bad.getMessage());
        }
    }

    @Deactivate
    synchronized void deactivate() {
        registry.accepted(name);
        if (profile == null) {
            return;
        }
        registry.remove(profile);
        try {
            profile.close();
        } catch (IllegalStateException late) {
            LOG.error("sync profile {}: {}; its thread is left to finish", name, late.getMessage());
        } finally {
            registry.release(name);
            profile = null;
        }
    }

    /** Starts the profile, or records why its configuration is refused (syncprofile:list shows it). */
    private synchronized void start(SyncProfileConfig config) {
        ProfileSettings settings;
        try {
            settings = ProfileSettings.of(config);
            if (registry.has(name)) {
                throw new IllegalArgumentException("a sync profile named " + name + " is already running");
            }
            registry.reserve(name, settings);
        } catch (IllegalArgumentException bad) {
            registry.refused(name, "configuration refused: " + bad.getMessage());
            LOG.error("sync profile {}: configuration refused: {}", name, bad.getMessage());
            return;
        }
        try {
            SyncProfile started = new SyncProfile(name, settings, source, publisher,
                    new WorkerLane(name, settings.queueCapacity(), settings.cpuPercent()));
            registry.add(started);
            profile = started;
            registry.accepted(name);
        } catch (RuntimeException e) {
            registry.release(name);
            registry.refused(name, "did not start: " + e.getMessage());
            LOG.error("sync profile {} did not start: {}", name, e.getMessage());
        }
    }

    /**
     * The name: the {@code name} key, else NAME from the file {@code org.syncscope.syncprofile-NAME.cfg},
     * else NAME of the PID {@code org.syncscope.syncprofile~NAME}, else the PID.
     */
    static String profileName(SyncProfileConfig config, Map<String, Object> properties) {
        if (config.name() != null && !config.name().isBlank()) {
            return config.name().trim();
        }
        Object file = properties.get("felix.fileinstall.filename");
        if (file != null) {
            String f = file.toString();
            String base = f.substring(f.lastIndexOf('/') + 1);
            String head = SyncProfileConfig.PID + "-";
            if (base.startsWith(head) && base.endsWith(".cfg")) {
                return base.substring(head.length(), base.length() - 4);
            }
        }
        String pid = String.valueOf(properties.get("service.pid"));
        int tilde = pid.indexOf('~');
        if (tilde >= 0) {
            return pid.substring(tilde + 1);
        }
        return pid.startsWith(SyncProfileConfig.PID + ".") ? pid.substring(SyncProfileConfig.PID.length() + 1) : pid;
    }
}
