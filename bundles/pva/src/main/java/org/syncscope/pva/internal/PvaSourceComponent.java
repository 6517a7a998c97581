package org.syncscope.pva.internal;

import java.time.Duration;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.config.ConfigCheck;
import org.syncscope.api.pv.PvException;
import org.syncscope.api.pv.PvListener;
import org.syncscope.api.pv.PvSource;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.Subscription;
import org.syncscope.pva.PvaSource;

/**
 * {@link PvSource} over pvAccess ({@code protocol=pva}). A configuration change moves every
 * subscription to a new client context (listeners hear a disconnect, then connect again); a bad
 * value leaves the component active but refused (at activation) or on its previous settings (an
 * edit), the reason logged once and given by every call.
 */
@Component(service = {PvSource.class, PvaSource.class}, configurationPid = PvaConfig.PID,
        property = PvSource.PROTOCOL + "=pva")
@Designate(ocd = PvaConfig.class)
public final class PvaSourceComponent implements PvaSource {

    private static final Logger LOG = LoggerFactory.getLogger(PvaSourceComponent.class);

    private volatile PvaClient client;
    /** Why the configuration was refused, or null. */
    private volatile String refused;

    @Activate
    void activate(PvaConfig config, Map<String, Object> properties) {
        try {
            client = new PvaClient(settingsOf(config, properties));
            refused = null;
        } catch (IllegalArgumentException | IllegalStateException e) {
            refused = e.getMessage();
            LOG.error("pvAccess client refused: {}", refused);
        }
    }

    @Modified
    void modified(PvaConfig config, Map<String, Object> properties) {
        ClientSettings settings;
        try {
            settings = settingsOf(config, properties);
        } catch (IllegalArgumentException e) {
            refused = (client != null ? "change refused, previous settings stay: " : "") + e.getMessage();
            LOG.error("pvAccess client refused: {}", refused);
            return;
        }
        try {
            PvaClient c = client;
            if (c == null) {
                client = new PvaClient(settings);
            } else if (!settings.equals(c.settings())) {
                c.reconfigure(settings);
            }
            refused = null;
        } catch (IllegalStateException e) {
            refused = "change refused: " + e.getMessage();
            LOG.error("pvAccess client: {}", refused);
        }
    }

    /** Closes the client: its context (waited for at most 1 s) and its event thread. */
    @Deactivate
    void deactivate() {
        PvaClient c = client;
        client = null;
        if (c != null) {
            c.close();
        }
    }

    private static ClientSettings settingsOf(PvaConfig config, Map<String, Object> properties) {
        ConfigCheck.require(PvaConfig.class, properties);
        try {
            return ClientSettings.of(config);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException(ConfigCheck.origin(properties) + ": " + bad.getMessage(), bad);
        }
    }

    /** Why the configuration was refused (the client may still run on its previous settings), or null. */
    String refusal() {
        return refused;
    }

    /** The client running now, or null (tests). */
    PvaClient client() {
        return client;
    }

    private String notRunning() {
        return "the pvAccess client is not running: " + (refused != null ? refused : "deactivated");
    }

    @Override
    public Subscription subscribe(String pvName, PvListener listener) {
        PvaClient c = client;
        if (c == null) {
            PvaNames.channelName(pvName);   // a bad name is told as such, running or not
            throw new IllegalStateException(notRunning());
        }
        return c.subscribe(pvName, listener);
    }

    @Override
    public PvUpdate get(String pvName, Duration timeout) throws PvException {
        PvaClient c = client;
        if (c == null) {
            PvaNames.channelName(pvName);
            throw new PvException(notRunning());
        }
        return c.get(pvName, timeout);
    }

    @Override
    public Duration defaultGetTimeout() {
        PvaClient c = client;
        return c != null ? c.settings().getTimeout() : ClientSettings.DEFAULTS.getTimeout();
    }
}
