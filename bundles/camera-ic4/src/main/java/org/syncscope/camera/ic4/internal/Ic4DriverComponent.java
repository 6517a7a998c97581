package org.syncscope.camera.ic4.internal;

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
import org.syncscope.api.camera.CameraException;

/**
 * Loads and initialises IC4, and registers the {@code driver=ic4} {@link CameraDriver} only if
 * that worked; otherwise one log line says why, the bundle stays Active, and this
 * {@link CameraDriverStatus} tells {@code camera:drivers}.
 */
@Component(service = CameraDriverStatus.class, configurationPid = Ic4Config.PID, immediate = true,
        property = CameraDriver.DRIVER + "=ic4")
@Designate(ocd = Ic4Config.class)
public final class Ic4DriverComponent implements CameraDriverStatus {

    private static final Logger LOG = LoggerFactory.getLogger(Ic4DriverComponent.class);

    private final Ic4 ic4;
    private final String reason;
    private final ServiceRegistration<CameraDriver> registration;

    @Activate
    public Ic4DriverComponent(Ic4Config config, BundleContext context) {
        Ic4 loaded = null;
        String why = "";
        try {
            loaded = Ic4.load(config.libraryPath());
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            why = "cannot load " + config.libraryPath() + " (install The Imaging Source IC4 SDK or set libraryPath in etc/"
                    + Ic4Config.PID + ".cfg): " + e.getMessage();
        } catch (CameraException e) {
            why = "IC4 did not initialise: " + e.getMessage();
        }
        if (loaded == null) {
            LOG.warn("IC4 camera driver unavailable: {}", why);
        }
        this.ic4 = loaded;
        this.reason = why;
        if (loaded != null) {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(CameraDriver.DRIVER, "ic4");
            registration = context.registerService(CameraDriver.class, new Ic4CameraDriver(loaded), props);
            LOG.info("IC4 camera driver available ({})", config.libraryPath());
        } else {
            registration = null;
        }
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
            ic4.exit();
        }
    }

    @Override
    public String name() {
        return "ic4";
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
