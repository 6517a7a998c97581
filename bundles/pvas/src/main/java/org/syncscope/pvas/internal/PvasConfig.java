package org.syncscope.pvas.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = PvasConfig.PID, name = "Syncscope pvAccess server",
        description = "The pvAccess (EPICS 7) server that publishes Syncscope's PVs (epics-core pvAccessJava).")
@interface PvasConfig {

    String PID = "org.syncscope.pvas";

    @AttributeDefinition(name = "Server port", min = "1", max = "65535",
            description = "TCP port for client connections (EPICS_PVAS_SERVER_PORT). When it is taken the "
                    + "library serves on a dynamic port; searches still find it.")
    int serverPort() default 5075;

    @AttributeDefinition(name = "Broadcast port", min = "1", max = "65535",
            description = "UDP port searches are answered on and beacons sent to (EPICS_PVAS_BROADCAST_PORT).")
    int broadcastPort() default 5076;

    @AttributeDefinition(name = "Bind address", required = false,
            description = "The address the TCP port is bound to (e.g. 127.0.0.1); empty: every interface. "
                    + "The library's UDP search socket listens on every interface regardless.")
    String bindAddress() default "";

    @AttributeDefinition(name = "Beacon address list", required = false,
            description = "Where beacons go, host[:port] entries separated by spaces or commas "
                    + "(EPICS_PVAS_BEACON_ADDR_LIST).")
    String beaconAddrList() default "";

    @AttributeDefinition(name = "Automatic beacon addresses",
            description = "Also send beacons to every interface's broadcast address (EPICS_PVAS_AUTO_BEACON_ADDR_LIST). "
                    + "The library ignores false while the beacon address list is empty.")
    boolean autoBeaconAddrList() default true;

    @AttributeDefinition(name = "Beacon period (s)", description = "Seconds between beacons (EPICS_PVAS_BEACON_PERIOD).")
    float beaconPeriodSeconds() default 15f;

    @AttributeDefinition(name = "Monitor queue", min = "1",
            description = "Updates queued per client monitor; when a slow client's queue is full the oldest is dropped "
                    + "(counted).")
    int monitorQueueSize() default 16;

    @AttributeDefinition(name = "Catalog PV idle time (s)",
            description = "A PV made on demand from a catalog that no client has had a channel to for this long is "
                    + "withdrawn; the next search makes it again. Applied without a restart.")
    float catalogIdleSeconds() default 30f;
}
