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
 */
@Component(service = SyncProfileComponent.class, configurationPid = SyncProfileConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = SyncProfileConfig.class, factory = true)
public final class SyncProfileComponent {

    private static final Logger LOG = LoggerFactory.getLogger(SyncProfileComponent.class);

    private final SyncProfile profile;
    private final ProfileRegistry registry;

    @Activate
    public SyncProfileComponent(@Reference ProfileRegistry registry, SyncProfileConfig config,
                                Map<String, Object> properties) {
        String name = profileName(config, properties);
        ProfileSettings settings;
        try {
            settings = ProfileSettings.of(config);
            if (registry.has(name)) {
                throw new IllegalArgumentException("a sync profile named " + name + " is already running");
            }
            registry.reserve(name, settings);
        } catch (IllegalArgumentException bad) {
            LOG.error("sync profile {}: configuration refused: {}", name, bad.getMessage());
            throw bad;
        }
        this.registry = registry;
        try {
            this.profile = new SyncProfile(name, settings, null, null, new WorkerLane(name, settings.queueCapacity()));
            registry.add(profile);
        } catch (RuntimeException e) {
            registry.release(name);
            LOG.error("sync profile {} did not start: {}", name, e.getMessage());
            throw e;
        }
    }

    @Reference(name = "source", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSource(PvSource source) {
        profile.setSource(source);
    }

    void unbindSource(PvSource source) {
        profile.sourceGone(source);
    }

    @Reference(name = "publisher", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindPublisher(PvPublisher publisher) {
        profile.setPublisher(publisher);
    }

    void unbindPublisher(PvPublisher publisher) {
        profile.publisherGone(publisher);
    }

    @Modified
    void modified(SyncProfileConfig config) {
        try {
            ProfileSettings next = ProfileSettings.of(config);
            if (next.queueCapacity() != profile.queueCapacity()) {
                throw new IllegalArgumentException("queueCapacity: " + next.queueCapacity() + " takes effect when the "
                        + "profile is started again (now " + profile.queueCapacity() + ")");
            }
            ProfileSettings before = profile.settings();
            registry.reserve(profile.name(), next);
            try {
                profile.apply(next);
            } catch (RuntimeException e) {
                registry.reserve(profile.name(), before);
                throw e;
            }
        } catch (IllegalArgumentException | IllegalStateException bad) {
            LOG.error("sync profile {}: configuration change refused, previous settings stay: {}", profile.name(),
                    bad.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        registry.remove(profile);
        try {
            profile.close();
        } catch (IllegalStateException late) {
            LOG.error("sync profile {}: {}; its thread is left to finish", profile.name(), late.getMessage());
        } finally {
            registry.release(profile.name());
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
