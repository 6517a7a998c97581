package org.syncscope.pva.internal;

import java.time.Duration;
import org.syncscope.api.pv.AddressList;

/**
 * The pvAccess client's settings, checked.
 *
 * @param addresses     EPICS_PVA_ADDR_LIST
 * @param autoAddresses EPICS_PVA_AUTO_ADDR_LIST
 * @param broadcastPort EPICS_PVA_BROADCAST_PORT
 * @param getTimeout    the default of a get
 */
public record ClientSettings(AddressList addresses, boolean autoAddresses, int broadcastPort, Duration getTimeout) {

    /** Defaults of {@link PvaConfig}. */
    public static final ClientSettings DEFAULTS = new ClientSettings(AddressList.EMPTY, true, 5076, Duration.ofSeconds(5));

    /** @throws IllegalArgumentException naming the key and the bad value */
    static ClientSettings of(PvaConfig c) {
        int port = c.broadcastPort();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("broadcastPort = " + port + " is outside 1..65535");
        }
        float get = c.getTimeoutSeconds();
        if (!(get > 0) || get > 3600) {
            throw new IllegalArgumentException("getTimeoutSeconds = " + get + " is not in (0, 3600]");
        }
        return new ClientSettings(AddressList.parse("addressList", c.addressList()), c.autoAddressList(), port,
                Duration.ofNanos(Math.round(get * 1e9)));
    }

    @Override
    public String toString() {
        return "addressList='" + addresses + "', autoAddressList=" + autoAddresses + ", broadcastPort=" + broadcastPort;
    }
}
