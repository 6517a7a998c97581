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

    @AttributeDefinition(name = "Largest array (bytes)", min = "1",
            description = "Largest array a client message may carry (EPICS_CA_MAX_ARRAY_BYTES). A message claiming "
                    + "more, or more elements than fit, is refused and its connection closed before it is read.")
    int maxArrayBytes() default 16384;

    @AttributeDefinition(name = "Client connections", min = "1",
            description = "TCP client connections served at once (each costs CAJ a thread); one more is accepted "
                    + "and closed at once, and counted.")
    int maxClients() default 256;

    @AttributeDefinition(name = "Channels per client", min = "1",
            description = "Channels one connection may hold; a further create is answered 'create failed'.")
    int maxChannelsPerClient() default 4096;

    @AttributeDefinition(name = "Monitors per client", min = "1",
            description = "Monitors (subscriptions) one connection may hold; a further one closes the connection.")
    int maxMonitorsPerClient() default 4096;

    @AttributeDefinition(name = "Handshake timeout (s)",
            description = "A connection that sends no complete message within this is closed (a scanner, a half-open "
                    + "connection).")
    float handshakeTimeoutSeconds() default 10f;

    @AttributeDefinition(name = "Idle timeout (s)",
            description = "A connection with no channel that sends nothing for this long is closed. Connections with "
                    + "channels are never closed for silence (TCP keepalive finds dead peers).")
    float idleTimeoutSeconds() default 60f;

    @AttributeDefinition(name = "Catalog PV idle time (s)",
            description = "A PV made on demand from a catalog (a sync profile's pairs) that no client has had a "
                    + "channel to for this long is withdrawn; the next search makes it again. Applied without a restart.")
    float catalogIdleSeconds() default 30f;
}
