package org.syncscope.screens.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = ScreensConfig.PID, name = "Syncscope screens",
        description = "What the generated Phoebus screen of a sync profile shows (etc/org.syncscope.screens.cfg, optional).")
@interface ScreensConfig {

    String PID = "org.syncscope.screens";

    @AttributeDefinition(name = "Pairs shown", min = "0", description = "Rows of pairs at most, the first of the profile's "
            + "order; the table widget shows the rest.")
    int maxPairs() default 20;

    @AttributeDefinition(name = "Pairs charted", min = "0", description = "Pairs whose CurrentDiff the strip chart plots: "
            + "the first ones shown.")
    int chartPairs() default 4;
}
