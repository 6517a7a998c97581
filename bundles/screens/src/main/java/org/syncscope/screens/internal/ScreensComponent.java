package org.syncscope.screens.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.framework.InvalidSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.config.ConfigCheck;
import org.syncscope.screens.Screens;
import org.syncscope.screens.UnknownProfileException;
import org.syncscope.syncprofile.ProfileConfigurations;
import org.syncscope.syncprofile.ProfileState;
import org.syncscope.syncprofile.ProfileStatus;
import org.syncscope.syncprofile.ProfileSummary;

/** The screens service: fixed screens from the bundle, profile screens from the profiles' service. */
@Component(service = Screens.class, configurationPid = ScreensConfig.PID)
@Designate(ocd = ScreensConfig.class)
public class ScreensComponent implements Screens {

    private static final Logger LOG = LoggerFactory.getLogger(ScreensComponent.class);

    /** Pax Web's configuration, where the HTTP port is set. */
    static final String PAX_WEB_PID = "org.ops4j.pax.web";

    @Reference
    private ProfileConfigurations profiles;

    // only for the URL that screens:list prints
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ConfigurationAdmin configurationAdmin;

    private volatile ScreenSettings settings = ScreenSettings.DEFAULTS;

    public ScreensComponent() {
    }

    /** For tests: the component over {@code profiles}. */
    ScreensComponent(ProfileConfigurations profiles, ScreenSettings settings) {
        this.profiles = profiles;
        this.settings = settings;
    }

    /** A value of the wrong type or out of range is refused naming the key and file; the previous settings stay. */
    @Activate
    @Modified
    void configure(ScreensConfig config, Map<String, Object> properties) {
        List<String> problems = ConfigCheck.problems(ScreensConfig.class, properties);
        try {
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
            settings = ScreenSettings.of(config);
        } catch (IllegalArgumentException bad) {
            LOG.error("screens: {}: {}; the previous settings stay", ConfigCheck.origin(properties), bad.getMessage());
        }
    }

    @Override
    public List<String> fixedNames() {
        return FixedScreens.NAMES;
    }

    @Override
    public Optional<String> fixed(String fileName) {
        return FixedScreens.read(fileName);
    }

    @Override
    public List<String> runningProfiles() {
        return profiles.all().stream().filter(s -> s.state() == ProfileState.State.RUNNING).map(ProfileState::name)
                .distinct().toList();
    }

    @Override
    public String profileScreen(String name) throws UnknownProfileException {
        List<ProfileState> states = profiles.named(name);
        if (states.isEmpty()) {
            throw new UnknownProfileException(name, profiles.all().stream().map(ProfileState::name).distinct().toList());
        }
        ScreenSettings s = settings;
        Optional<ProfileSummary> summary = profiles.summary(name);
        Optional<ProfileStatus> status = profiles.status(name, s.maxPairs());
        if (summary.isEmpty() || status.isEmpty()) {
            ProfileState state = states.get(0);
            throw new IllegalStateException("sync profile '" + name + "' (" + state.origin() + ") is not running: "
                    + state.state() + (state.reason().isEmpty() ? "" : ": " + state.reason()));
        }
        return ProfileScreen.generate(summary.get(), status.get(), s);
    }

    @Override
    public Optional<String> indexUrl() {
        ConfigurationAdmin admin = configurationAdmin;
        if (admin == null) {
            return Optional.empty();
        }
        try {
            // listConfigurations, not getConfiguration: it neither creates the configuration nor binds it to us
            Configuration[] found = admin.listConfigurations("(service.pid=" + PAX_WEB_PID + ")");
            if (found == null || found[0].getProperties() == null) {
                return Optional.empty();
            }
            Dictionary<String, Object> p = found[0].getProperties();
            Object port = p.get("org.osgi.service.http.port");
            if (port == null) {
                return Optional.empty();
            }
            Object addresses = p.get("org.ops4j.pax.web.listening.addresses");
            String host = addresses == null ? "127.0.0.1" : addresses.toString().split(",")[0].trim();
            if (host.isEmpty() || host.equals("0.0.0.0")) {
                host = "127.0.0.1";
            }
            return Optional.of("http://" + host + ":" + port.toString().trim() + HTTP_PATH);
        } catch (IOException | InvalidSyntaxException e) {
            return Optional.empty();
        }
    }
}
