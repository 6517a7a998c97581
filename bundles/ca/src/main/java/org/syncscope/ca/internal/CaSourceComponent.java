package org.syncscope.ca.internal;

import gov.aps.jca.CAException;
import java.time.Duration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.syncscope.api.pv.PvException;
import org.syncscope.api.pv.PvListener;
import org.syncscope.api.pv.PvSource;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.Subscription;

/**
 * {@link PvSource} over Channel Access ({@code protocol=ca}). A configuration change replaces the
 * CAJ context: SCR re-activates this component and its users subscribe again.
 */
@Component(service = {PvSource.class, CaSourceComponent.class}, configurationPid = CaConfig.PID,
        property = PvSource.PROTOCOL + "=ca")
@Designate(ocd = CaConfig.class)
public final class CaSourceComponent implements PvSource {

    private final ChannelAccessClient client;

    @Activate
    public CaSourceComponent(CaConfig config) throws CAException {
        client = new ChannelAccessClient(ClientSettings.of(config));
    }

    @Deactivate
    void deactivate() {
        client.close();
    }

    @Override
    public Subscription subscribe(String pvName, PvListener listener) {
        return client.subscribe(pvName, listener);
    }

    @Override
    public PvUpdate get(String pvName, Duration timeout) throws PvException {
        return client.get(pvName, timeout);
    }

    /** The configured default wait for a get. */
    public Duration defaultGetTimeout() {
        return client.settings().getTimeout();
    }
}
