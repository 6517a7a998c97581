package org.syncscope.ca.internal;

import gov.aps.jca.CAException;
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
import org.syncscope.ca.CaSource;

/**
 * {@link PvSource} over Channel Access ({@code protocol=ca}). A configuration change moves every
 * subscription to a new CAJ context (listeners hear a disconnect, then connect again); a bad value
 * leaves the component active but refused (at activation) or on its previous settings (an edit),
 * the reason logged once and given by every {@code pv:} command.
 */
@Component(service = {PvSource.class, CaSource.class}, configurationPid = CaConfig.PID,
        property = PvSource.PROTOCOL + "=ca")
@Designate(ocd = CaConfig.class)
public final class CaSourceComponent implements CaSource {

    private static final Logger LOG = LoggerFactory.getLogger(CaSourceComponent.class);

    private volatile ChannelAccessClient client;
    /** Resolves addrList host names; tests replace it before activating. */
    AddressResolver.Lookup lookup = AddressResolver.SYSTEM;
    /** Why the configuration was refused, or null. */
    private volatile String refused;

    @Activate
    void activate(CaConfig config, Map<String, Object> properties) {
        try {
            ClientSettings settings = settingsOf(config, properties);
            client = new ChannelAccessClient(settings, lookup);
            refused = null;
        } catch (IllegalArgumentException | CAException e) {
            refused = e.getMessage();
            LOG.error("Channel Access client refused: {}", refused);
        }
    }

    @Modified
    void modified(CaConfig config, Map<String, Object> properties) {
        ClientSettings settings;
        try {
            settings = settingsOf(config, properties);
        } catch (IllegalArgumentException e) {
            if (client != null) {
                refused = "change refused, previous settings stay: " + e.getMessage();
                LOG.error("Channel Access client: {}", refused);
            } else {
                refused = e.getMessage();
                LOG.error("Channel Access client refused: {}", refused);
            }
            return;
        }
        try {
            ChannelAccessClient c = client;
            if (c == null) {
                client = new ChannelAccessClient(settings, lookup);
            } else if (!settings.equals(c.settings())) {
                c.reconfigure(settings);
            }
            refused = null;
        } catch (CAException | IllegalArgumentException e) {
            refused = "change refused: " + e.getMessage();
            LOG.error("Channel Access client: {}", refused);
        }
    }

    /** Closes the client; waits for CAJ at most {@link ChannelAccessClient#CALLER_WAIT}, the rest runs in the background. */
    @Deactivate
    void deactivate() {
        ChannelAccessClient c = client;
        client = null;
        if (c != null) {
            c.close();
        }
    }

    private static ClientSettings settingsOf(CaConfig config, Map<String, Object> properties) {
        ConfigCheck.require(CaConfig.class, properties);
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

    private ChannelAccessClient running() {
        ChannelAccessClient c = client;
        if (c == null) {
            throw new IllegalStateException("the Channel Access client is not running: "
                    + (refused != null ? refused : "deactivated"));
        }
        return c;
    }

    @Override
    public Subscription subscribe(String pvName, PvListener listener) {
        return running().subscribe(pvName, listener);
    }

    @Override
    public PvUpdate get(String pvName, Duration timeout) throws PvException {
        ChannelAccessClient c = client;
        if (c == null) {
            throw new PvException("the Channel Access client is not running: " + (refused != null ? refused : "deactivated"));
        }
        return c.get(pvName, timeout);
    }

    /** The client running now, or null (tests). */
    ChannelAccessClient client() {
        return client;
    }

    @Override
    public Duration defaultGetTimeout() {
        ChannelAccessClient c = client;
        return c != null ? c.settings().getTimeout() : Duration.ofSeconds(5);
    }
}
