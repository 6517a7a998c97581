package org.syncscope.camera.aravis.internal;

import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.camera.CameraDriverStatus;

/**
 * Loads Aravis and registers the {@code driver=aravis} {@link CameraDriver} only if that worked;
 * otherwise one log line says why, the bundle stays Active, and this {@link CameraDriverStatus}
 * tells {@code camera:drivers}. A configuration change loads again (e.g. a new libraryPath).
 */
@Component(service = CameraDriverStatus.class, configurationPid = AravisConfig.PID, immediate = true,
        property = CameraDriver.DRIVER + "=aravis")
@Designate(ocd = AravisConfig.class)
public final class AravisDriverComponent implements CameraDriverStatus {

    private static final Logger LOG = LoggerFactory.getLogger(AravisDriverComponent.class);

    private final Aravis aravis;
    private final String reason;
    private final ServiceRegistration<CameraDriver> registration;

    @Activate
    public AravisDriverComponent(AravisConfig config, BundleContext context) {
        Aravis loaded = null;
        String why = "";
        try {
            loaded = Aravis.load(config.libraryPath(), config.gobjectLibraryPath(), config.glibLibraryPath());
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            why = "cannot load " + config.libraryPath() + " (install Debian libaravis-0.8-0 or set libraryPath in etc/"
                    + AravisConfig.PID + ".cfg): " + e.getMessage();
            LOG.warn("Aravis camera driver unavailable: {}", why);
        }
        this.aravis = loaded;
        this.reason = why;
        if (loaded != null) {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(CameraDriver.DRIVER, "aravis");
            registration = context.registerService(CameraDriver.class, new AravisCameraDriver(loaded), props);
            LOG.info("Aravis camera driver available ({})", config.libraryPath());
        } else {
            registration = null;
        }
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
            // no arv_shutdown(): the library stays loaded in this JVM (JNA never unloads it), and
            // after arv_shutdown the next activation's arv_update_device_list never returned
        }
    }

    @Override
    public String name() {
        return "aravis";
    }

    @Override
    public boolean available() {
        return registration != null;
    }

    @Override
    public String reason() {
        return reason;
    }
}
