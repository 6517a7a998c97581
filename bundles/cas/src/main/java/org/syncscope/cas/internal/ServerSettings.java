package org.syncscope.cas.internal;

import org.syncscope.api.pv.AddressList;
import org.syncscope.cas.internal.guard.TcpLimits;

/**
 * How the Channel Access server listens and announces itself.
 *
 * @param port                 TCP and UDP port for searches and connections (EPICS_CAS_SERVER_PORT)
 * @param beaconAddresses      where beacons go (EPICS_CAS_BEACON_ADDR_LIST)
 * @param autoBeaconAddresses  also beacon to every interface's broadcast address
 * @param beaconPeriodSeconds  seconds between beacons (EPICS_CAS_BEACON_PERIOD)
 * @param ignoreAddresses      clients whose searches are ignored (EPICS_CAS_IGNORE_ADDR_LIST)
 * @param tcp                  what one client may ask of the server, and how many clients at once
 */
public record ServerSettings(int port, AddressList beaconAddresses, boolean autoBeaconAddresses, float beaconPeriodSeconds,
                      AddressList ignoreAddresses, TcpLimits tcp) {

    /** With the default TCP limits. */
    public ServerSettings(int port, AddressList beaconAddresses, boolean autoBeaconAddresses, float beaconPeriodSeconds,
                          AddressList ignoreAddresses) {
        this(port, beaconAddresses, autoBeaconAddresses, beaconPeriodSeconds, ignoreAddresses, TcpLimits.DEFAULTS);
    }

    public ServerSettings {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
        if (!(beaconPeriodSeconds > 0)) {
            throw new IllegalArgumentException("beaconPeriodSeconds must be positive, got " + beaconPeriodSeconds);
        }
        if (tcp == null) {
            throw new IllegalArgumentException("no TCP limits");
        }
    }
}
