package org.syncscope.camera.ic4.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.syncscope.camera.genicam.NativeDriverRegistration;

/**
 * Loads and initialises IC4 and registers the {@code driver=ic4} driver if that worked (see
 * {@link NativeDriverRegistration}); the driver exits the library when withdrawn.
 */
@Component(configurationPid = Ic4Config.PID, immediate = true)
@Designate(ocd = Ic4Config.class)
public final class Ic4DriverComponent {

    private final NativeDriverRegistration registration;

    @Activate
    public Ic4DriverComponent(Ic4Config config, BundleContext context) {
        registration = NativeDriverRegistration.register(context, "ic4", config.libraryPath(),
                "install The Imaging Source IC4 SDK or set libraryPath in etc/" + Ic4Config.PID + ".cfg",
                () -> new Ic4CameraDriver(Ic4.load(config.libraryPath())));
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }
}
