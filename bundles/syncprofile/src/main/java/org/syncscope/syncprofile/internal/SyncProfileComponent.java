package org.syncscope.syncprofile.internal;

import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSource;

/**
 * One sync profile per factory configuration ({@code etc/org.syncscope.syncprofile-NAME.cfg}).
 * Edits apply live through {@link #modified}; a refused edit is logged and the profile keeps its
 * previous settings. The PvSource is chosen by {@code source.target}.
 */
@Component(service = SyncProfileComponent.class, configurationPid = SyncProfileConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = SyncProfileConfig.class, factory = true)
public final class SyncProfileComponent {

    private static final Logger LOG = LoggerFactory.getLogger(SyncProfileComponent.class);

    private final ScheduledThreadPoolExecutor thread;
    private final SyncProfile profile;
    private final ProfileRegistry registry;

    @Activate
    public SyncProfileComponent(@Reference(name = "source") PvSource source, @Reference PvPublisher publisher,
                                @Reference ProfileRegistry registry, SyncProfileConfig config,
                                Map<String, Object> properties) {
        String name = profileName(config, properties);
        ProfileSettings settings;
        try {
            settings = ProfileSettings.of(config);
        } catch (IllegalArgumentException bad) {
            LOG.error("sync profile {}: configuration refused: {}", name, bad.getMessage());
            throw bad;
        }
        this.registry = registry;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "syncprofile-" + name);
            t.setDaemon(true);
            return t;
        });
        thread.setRemoveOnCancelPolicy(true);
        try {
            this.profile = new SyncProfile(name, settings, source, publisher, thread, thread);
            registry.add(profile);
        } catch (RuntimeException e) {
            LOG.error("sync profile {} did not start: {}", name, e.getMessage());
            thread.shutdownNow();
            throw e;
        }
    }

    @Modified
    void modified(SyncProfileConfig config) {
        try {
            profile.apply(ProfileSettings.of(config));
        } catch (IllegalArgumentException bad) {
            LOG.error("sync profile {}: configuration change refused, previous settings stay: {}", profile.name(),
                    bad.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        registry.remove(profile);
        try {
            profile.close();
        } finally {
            thread.shutdownNow();
            try {
                thread.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
