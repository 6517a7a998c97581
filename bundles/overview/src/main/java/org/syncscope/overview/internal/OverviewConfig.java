package org.syncscope.overview.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = OverviewConfig.PID, name = "Syncscope site overview",
        description = "What the status page and the metrics see: one snapshot of every capability, taken on demand")
public @interface OverviewConfig {

    String PID = "org.syncscope.overview";

    @AttributeDefinition(name = "Period (ms)", description = "A snapshot is taken at most this often, however many "
            + "readers ask (100 to 60000)")
    int periodMillis() default 1000;

    @AttributeDefinition(name = "Pairs per profile", description = "A profile's pairs in a snapshot, the first of the "
            + "profile's order (0 to 100000); every input always")
    int maxPairsPerProfile() default 100;
}
