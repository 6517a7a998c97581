package org.syncscope.ca.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = CaConfig.PID, name = "Syncscope Channel Access client",
        description = "How Syncscope finds and reads EPICS PVs over Channel Access (CAJ).")
@interface CaConfig {

    String PID = "org.syncscope.ca";

    @AttributeDefinition(name = "Address list", required = false,
            description = "Where searches go, host[:port] entries separated by spaces or commas (EPICS_CA_ADDR_LIST).")
    String addrList() default "";

    @AttributeDefinition(name = "Automatic address list",
            description = "Also search on the broadcast address of every interface (EPICS_CA_AUTO_ADDR_LIST).")
    boolean autoAddrList() default true;

    @AttributeDefinition(name = "Server port", min = "1", max = "65535",
            description = "Default port of servers, for list entries without one (EPICS_CA_SERVER_PORT).")
    int serverPort() default 5064;

    @AttributeDefinition(name = "Connection timeout (s)",
            description = "Silence after which a connection is checked with an echo and dropped if dead (EPICS_CA_CONN_TMO).")
    float connectionTimeoutSeconds() default 30f;

    @AttributeDefinition(name = "Get timeout (s)", description = "How long pv:get and PvSource.get wait by default.")
    float getTimeoutSeconds() default 5f;

    @AttributeDefinition(name = "Longest search interval (s)",
            description = "A disconnected channel is searched at least this often, so a restarted IOC is found again "
                    + "within about this time (no CA repeater runs here, so no beacon announces it). CAJ's own default is 300.")
    float maxSearchIntervalSeconds() default 1f;

    @AttributeDefinition(name = "Largest array (bytes)", description = "EPICS_CA_MAX_ARRAY_BYTES.")
    int maxArrayBytes() default 16384;
}
