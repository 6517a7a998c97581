package org.syncscope.pva.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = PvaConfig.PID, name = "Syncscope pvAccess client",
        description = "How Syncscope finds and reads EPICS 7 PVs over pvAccess (epics-core Java client).")
@interface PvaConfig {

    String PID = "org.syncscope.pva";

    @AttributeDefinition(name = "Address list", required = false,
            description = "Where searches go, host[:port] entries separated by spaces or commas (EPICS_PVA_ADDR_LIST).")
    String addressList() default "";

    @AttributeDefinition(name = "Automatic address list",
            description = "Also search on the broadcast address of every interface (EPICS_PVA_AUTO_ADDR_LIST).")
    boolean autoAddressList() default true;

    @AttributeDefinition(name = "Broadcast port", min = "1", max = "65535",
            description = "UDP port searches go to (for list entries without one) and beacons are heard on "
                    + "(EPICS_PVA_BROADCAST_PORT).")
    int broadcastPort() default 5076;

    @AttributeDefinition(name = "Get timeout (s)", description = "How long PvSource.get waits by default.")
    float getTimeoutSeconds() default 5f;
}
