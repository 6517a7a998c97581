package org.syncscope.timeav.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = TimeavControlConfig.PID, name = "Syncscope TIMEAV control",
        description = "What applies to every TIMEAV device")
@interface TimeavControlConfig {

    String PID = "org.syncscope.timeav.control";

    @AttributeDefinition(name = "Reset-all PV", description = "A write to this PV restarts every TIMEAV device "
            + "with its latest expression (the original's U:O58RST); empty: none")
    String resetAllPv() default "TIMEAV:ResetAll";
}
