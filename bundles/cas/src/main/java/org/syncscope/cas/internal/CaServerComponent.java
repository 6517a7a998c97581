package org.syncscope.cas.internal;

import gov.aps.jca.CAException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.pv.AddressList;

/**
 * Runs the one Channel Access server of this Karaf. Registered under its own class for the
 * bundle-scoped {@link PvPublisherComponent}s, which are what other bundles see.
 */
@Component(service = CaServerComponent.class, configurationPid = CasConfig.PID, immediate = true)
@Designate(ocd = CasConfig.class)
public final class CaServerComponent {

    private static final Logger LOG = LoggerFactory.getLogger(CaServerComponent.class);

    private final ChannelAccessServer server = new ChannelAccessServer();

    @Activate
    public CaServerComponent(CasConfig config) throws CAException {
        server.start(settings(config));
    }

    @Modified
    void modified(CasConfig config) throws CAException {
        ServerSettings next = settings(config);
        if (!next.equals(server.settings())) {
            LOG.info("Channel Access server settings changed: restarting with {}", next);
            server.restart(next);
        }
    }

    @Deactivate
    void deactivate() {
        server.stop();
    }

    public ChannelAccessServer server() {
        return server;
    }

    private static ServerSettings settings(CasConfig config) {
        try {
            return new ServerSettings(config.port(), AddressList.parse("beaconAddrList", config.beaconAddrList()),
                    config.autoBeaconAddrList(), config.beaconPeriodSeconds(),
                    AddressList.parse("ignoreAddrList", config.ignoreAddrList()));
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("bad " + CasConfig.PID + " configuration: " + bad.getMessage(), bad);
        }
    }
}
