package org.syncscope.timeav.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = TimeavConfig.PID, name = "Syncscope TIMEAV device",
        description = "One time-averaged device per file: etc/org.syncscope.timeav-NAME.cfg")
@interface TimeavConfig {

    String PID = "org.syncscope.timeav";

    @AttributeDefinition(name = "Output PV", description = "Name of the averaged PV; NAME:Status and NAME:Reset come with it")
    String name();

    @AttributeDefinition(name = "Expression", description = "deviceName | sampleEvent | computeEvent | maxPoints | calcDirection, "
            + "e.g. M:BLOW | p,2000,true | p,10000,true | 0 | diff")
    String expression();

    @AttributeDefinition(name = "PV source", description = "Which PvSource reads deviceName (an OSGi filter)")
    String source_target() default "(protocol=ca)";
}
