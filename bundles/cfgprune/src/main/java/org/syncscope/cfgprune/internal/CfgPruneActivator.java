package org.syncscope.cfgprune.internal;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.annotation.bundle.Header;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes, once per framework start, the configurations whose etc/ file was deleted while the
 * server was stopped.
 *
 * <p>A plain activator rather than a DS component: the bundle starts at start level 12, after
 * Config Admin (10) and before SCR (30), so a deleted profile or device is gone before any
 * component could be activated from its stale configuration.
 */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class CfgPruneActivator implements BundleActivator {

    private static final Logger LOG = LoggerFactory.getLogger(CfgPruneActivator.class);

    private final AtomicBoolean done = new AtomicBoolean();
    private ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> tracker;

    @Override
    public void start(BundleContext context) {
        // Only while the framework boots, i.e. raises its start level through this bundle's: a
        // refresh restarting this bundle later must not race a configuration whose file File
        // Install or config:edit is about to write. (Felix reports the system bundle Active
        // while it is still raising start levels, so its state cannot tell.)
        int frameworkLevel = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkStartLevel.class).getStartLevel();
        int ownLevel = context.getBundle().adapt(BundleStartLevel.class).getStartLevel();
        if (frameworkLevel > ownLevel) {
            LOG.debug("framework at start level {}, past {}: not booting, nothing to look for", frameworkLevel, ownLevel);
            return;
        }
        tracker = new ServiceTracker<>(context, ConfigurationAdmin.class, null) {
            @Override
            public ConfigurationAdmin addingService(ServiceReference<ConfigurationAdmin> reference) {
                ConfigurationAdmin admin = super.addingService(reference);
                if (admin != null && done.compareAndSet(false, true)) {
                    prune(context, admin);
                }
                return admin;
            }
        };
        tracker.open();
    }

    @Override
    public void stop(BundleContext context) {
        if (tracker != null) {
            tracker.close();
        }
    }

    private void prune(BundleContext context, ConfigurationAdmin admin) {
        List<StaleConfigurations.Deleted> deleted;
        try {
            deleted = new StaleConfigurations(admin).delete();
        } catch (IOException | RuntimeException e) {
            LOG.error("Could not delete the configurations whose etc/ file was deleted while the server was stopped", e);
            return;
        }
        // At start level 12 Pax Logging has not read its configuration yet and drops INFO lines:
        // say what was deleted once the start level is reached. (Karaf's launcher starts the
        // framework at level 1, so STARTED comes before this bundle; raising the level to 100
        // ends with STARTLEVEL_CHANGED.)
        FrameworkListener report = new FrameworkListener() {
            @Override
            public void frameworkEvent(FrameworkEvent event) {
                if (event.getType() == FrameworkEvent.STARTLEVEL_CHANGED || event.getType() == FrameworkEvent.STARTED) {
                    context.removeFrameworkListener(this);
                    for (StaleConfigurations.Deleted d : deleted) {
                        LOG.info("Deleted configuration {}: its file {} was deleted while the server was stopped",
                                d.pid(), d.file());
                    }
                }
            }
        };
        context.addFrameworkListener(report);
    }
}
