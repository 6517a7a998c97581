package org.syncscope.camera.aravis.internal;

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
 * Loads Aravis and registers the {@code driver=aravis} driver if that worked (see
 * {@link NativeDriverRegistration}). A configuration change loads again (e.g. a new libraryPath).
 * No arv_shutdown() on deactivate: Aravis stays loaded for the life of the process (see
 * {@link Aravis#OPEN_FLAGS}), so its global state must stay usable for the next activation.
 */
@Component(configurationPid = AravisConfig.PID, immediate = true)
@Designate(ocd = AravisConfig.class)
public final class AravisDriverComponent {

    private final NativeDriverRegistration registration;

    @Activate
    public AravisDriverComponent(AravisConfig config, Map<String, Object> properties, BundleContext context) {
        List<String> problems = ConfigCheck.problems(AravisConfig.class, properties);
        if (!problems.isEmpty()) {
            String why = "configuration refused: " + new InvalidConfigException(ConfigCheck.origin(properties), problems)
                    .getMessage();
            LoggerFactory.getLogger(AravisDriverComponent.class).error("aravis camera driver: {}", why);
            registration = NativeDriverRegistration.refused(context, "aravis", why);
            return;
        }
        registration = NativeDriverRegistration.register(context, "aravis", config.libraryPath(),
                "install Debian libaravis-0.8-0 or set libraryPath in etc/" + AravisConfig.PID + ".cfg",
                () -> new AravisCameraDriver(Aravis.load(config.libraryPath(), config.gobjectLibraryPath(),
                        config.glibLibraryPath())));
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }
}
