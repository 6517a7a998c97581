package org.syncscope.syncprofile.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = SyncProfileConfig.PID, name = "Syncscope sync profile",
        description = "Monitors PVs and publishes each one's update-frequency statistics and, for every pair, "
                + "the statistics of the time difference between their updates. One file per profile: "
                + "etc/org.syncscope.syncprofile-NAME.cfg.")
@interface SyncProfileConfig {

    String PID = "org.syncscope.syncprofile";

    @AttributeDefinition(name = "PVs", description = "Input PVs, separated by commas. Pair outputs are named "
            + "PV1_vs_PV2 with PV1 before PV2 in this list.")
    String[] pvs();

    @AttributeDefinition(name = "Pairs", description = "Which pairs of pvs get time-difference statistics: all "
            + "(every pair, n(n-1)/2), chain (each PV with the next one in pvs), reference:PV (each other PV with "
            + "PV, one of pvs), or a comma-separated list of pairs written as their outputs are named, "
            + "PV1_vs_PV2, in either order. A pair's outputs are always named with the PV listed first in pvs first.")
    String[] pairs() default "all";

    @AttributeDefinition(name = "Window", min = "1", description = "Samples in the rolling statistics.")
    int window() default 100;

    @AttributeDefinition(name = "Timestamp", description = "source: the record's timestamp; receive: arrival time; "
            + "value: the PV's value is a time in seconds.")
    String timestamp() default "source";

    @AttributeDefinition(name = "Prefix", required = false, description = "Prepended to every output PV name.")
    String prefix() default "";

    @AttributeDefinition(name = "Publish rate (Hz)", description = "0 = post every change; otherwise changed outputs "
            + "are posted at this rate (latest value).")
    double publishRateHz() default 0;

    @AttributeDefinition(name = "Queue capacity", min = "1", description = "Updates waiting to be processed, at most; "
            + "when the profile cannot keep up, further updates are dropped and counted (syncprofile:status, "
            + "SYNCPROFILE:NAME:DroppedUpdates) instead of growing the heap and delaying everything else.")
    int queueCapacity() default ProfileSettings.DEFAULT_QUEUE_CAPACITY;

    @AttributeDefinition(name = "CPU share (%)", min = "1", max = "100", description = "Percent of one core the profile "
            + "may spend processing updates; beyond it updates wait, and the queue drops the surplus. Keeps one "
            + "overloaded profile from starving the CA client, other profiles and IOCs on the same host.")
    int cpuPercent() default ProfileSettings.DEFAULT_CPU_PERCENT;

    @AttributeDefinition(name = "Pair threads", min = "1", max = "64", description = "Threads the profile's pairs are "
            + "partitioned over, each computing its share of every update (identical results): for a profile whose "
            + "pairs need more than one core. 1 (the default) computes them on the profile's own thread; cpuPercent "
            + "bounds that thread only.")
    int pairThreads() default 1;

    @AttributeDefinition(name = "Source filter", description = "Which PvSource to read from (an OSGi filter).")
    String source_target() default "(protocol=ca)";

    @AttributeDefinition(name = "Name", required = false, description = "Profile name, 1 to 32 letters, digits, "
            + "'_' or '-' (it names the SYNCPROFILE:NAME: PVs); default: the NAME of its .cfg file (the factory "
            + "configuration's name).")
    String name() default "";
}
