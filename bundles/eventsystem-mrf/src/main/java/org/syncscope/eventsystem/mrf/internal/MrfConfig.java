package org.syncscope.eventsystem.mrf.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = MrfConfig.PID, name = "Syncscope MRF event receiver",
        description = "An MRF event receiver read through its mrfioc2 IOC's PVs (driver=mrf). One file per receiver: "
                + "etc/org.syncscope.eventsystem.mrf-NAME.cfg; the timestamp driver picks one with eventSystem.target.")
@interface MrfConfig {

    String PID = "org.syncscope.eventsystem.mrf";

    @AttributeDefinition(name = "Name", required = false, description = "The name service property, for target filters "
            + "(name=...); empty: NAME of the file's name")
    String name() default "";

    @AttributeDefinition(name = "Receiver prefix", description = "The receiver's $(P) in the IOC's evr database, "
            + "e.g. TST{EVR:1}: its PVs are $(P)Link-Sts, $(P)Time:Valid-Sts, ...")
    String prefix();

    @AttributeDefinition(name = "Events", description = "CODE=EN entries separated by commas: the event code "
            + "(decimal, or hex with 0x) and its event records' prefix $(EN), whose $(EN)Cnt-I is read; "
            + "e.g. 125=TST{EVR:1}Evt125, 10=TST{EVR:1}Evt10. Must include syncEvent.")
    String[] events();

    @AttributeDefinition(name = "Sync event", description = "The code of the event that starts each tick count "
            + "(125 = 0x7D, mrfioc2's seconds event)")
    int syncEvent() default 125;

    @AttributeDefinition(name = "PV source", description = "Which PvSource reads the IOC (an OSGi filter): "
            + "(protocol=ca), or (protocol=pva) for the events' user tags")
    String source_target() default "(protocol=ca)";

    @AttributeDefinition(name = "Connect timeout (s)", description = "Seconds after which PVs that never connected "
            + "are reported as not found (a wrong prefix, or the IOC is not running)")
    int connectTimeoutSeconds() default 10;
}
