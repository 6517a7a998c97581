package org.syncscope.statuspage.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = StatusPageConfig.PID, name = "Syncscope status page",
        description = "The live status page (/syncscope/): how often its event stream pushes a snapshot, and to how many browsers.")
@interface StatusPageConfig {

    String PID = "org.syncscope.statuspage";

    @AttributeDefinition(name = "Push rate (Hz)", description = "Snapshots pushed per second to each open page over "
            + "/syncscope/events (" + PushSettings.MIN_RATE_HZ + ".." + PushSettings.MAX_RATE_HZ + ").")
    double pushRateHz() default PushSettings.DEFAULT_RATE_HZ;

    @AttributeDefinition(name = "Most event clients", description = "Open event streams at most (1.."
            + PushSettings.MAX_CLIENTS + "); one more is answered 503.")
    int maxClients() default PushSettings.DEFAULT_MAX_CLIENTS;
}
