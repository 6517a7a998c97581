package org.syncscope.camera.ic4.internal;

import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.LoggerFactory;
import org.syncscope.api.config.ConfigCheck;
import org.syncscope.api.config.InvalidConfigException;
import org.syncscope.camera.genicam.NativeDriverRegistration;

/**
 * Loads and initialises IC4 and registers the {@code driver=ic4} driver if that worked (see
 * {@link NativeDriverRegistration}, which loads on a thread of its own); the driver closes its open
 * cameras and exits the library when withdrawn. A configuration change loads again.
 */
@Component(configurationPid = Ic4Config.PID, immediate = true)
@Designate(ocd = Ic4Config.class)
public final class Ic4DriverComponent {

    private final NativeDriverRegistration registration;

    @Activate
    public Ic4DriverComponent(Ic4Config config, Map<String, Object> properties, BundleContext context) {
        List<String> problems = ConfigCheck.problems(Ic4Config.class, properties);
        if (!problems.isEmpty()) {
            String why = "configuration refused: " + new InvalidConfigException(ConfigCheck.origin(properties), problems)
                    .getMessage();
            LoggerFactory.getLogger(Ic4DriverComponent.class).error("ic4 camera driver: {}", why);
            registration = NativeDriverRegistration.refused(context, "ic4", why);
            return;
        }
        registration = NativeDriverRegistration.register(context, "ic4", config.libraryPath(),
                "install The Imaging Source IC4 SDK or set libraryPath in etc/" + Ic4Config.PID + ".cfg",
                () -> new Ic4CameraDriver(Ic4.load(config.libraryPath())));
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }
}
