package org.syncscope.metrics.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = MetricsConfig.PID, name = "Syncscope metrics",
        description = "What the Prometheus metrics at /metrics contain")
@interface MetricsConfig {

    String PID = "org.syncscope.metrics";

    @AttributeDefinition(name = "Pairs per profile", description = "Pairs exported per sync profile: the first ones "
            + "in the profile's order, of those the site overview carries; 0: none (the pair counts stay)")
    int maxPairsPerProfile() default MetricsSettings.DEFAULT_MAX_PAIRS;

    @AttributeDefinition(name = "JVM metrics", description = "Also export the JVM's memory, threads, garbage "
            + "collections, CPU time and uptime")
    boolean includeJvm() default true;
}
