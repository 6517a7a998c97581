package org.syncscope.cas.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = CasConfig.PID, name = "Syncscope Channel Access server",
        description = "The Channel Access server that publishes Syncscope's PVs (CAJ).")
@interface CasConfig {

    String PID = "org.syncscope.cas";

    @AttributeDefinition(name = "Port", min = "1", max = "65535",
            description = "TCP/UDP port for searches and connections (EPICS_CAS_SERVER_PORT). Clients must "
                    + "use the same EPICS_CA_SERVER_PORT or list host:port in EPICS_CA_ADDR_LIST.")
    int port() default 5064;

    @AttributeDefinition(name = "Beacon address list", required = false,
            description = "Where beacons are sent, host[:port] entries separated by spaces or commas "
                    + "(EPICS_CAS_BEACON_ADDR_LIST). CAJ serves on all interfaces; this list, with the "
                    + "automatic one, decides which networks hear that the server is up.")
    String beaconAddrList() default "";

    @AttributeDefinition(name = "Automatic beacon addresses",
            description = "Also send beacons to the broadcast address of every interface (EPICS_CAS_AUTO_BEACON_ADDR_LIST).")
    boolean autoBeaconAddrList() default true;

    @AttributeDefinition(name = "Beacon period (s)", description = "Seconds between beacons (EPICS_CAS_BEACON_PERIOD).")
    float beaconPeriodSeconds() default 15f;

    @AttributeDefinition(name = "Ignored clients", required = false,
            description = "Hosts whose searches are ignored, separated by spaces or commas (EPICS_CAS_IGNORE_ADDR_LIST).")
    String ignoreAddrList() default "";
}
