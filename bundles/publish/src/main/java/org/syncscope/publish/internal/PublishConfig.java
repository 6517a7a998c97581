package org.syncscope.publish.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = PublishConfig.PID, name = "Syncscope publishing",
        description = "On which protocols every Syncscope PV is served, under the same name.")
@interface PublishConfig {

    String PID = "org.syncscope.publish";

    @AttributeDefinition(name = "Protocols", description = "The protocol servers every PV is served on, by their "
            + "protocol service property: ca (Channel Access, bundle cas), pva (pvAccess, bundle pvas). A protocol "
            + "whose server is not installed serves nothing until it is. Tables (NTTable) only go to protocols "
            + "that carry them (pva).")
    String[] protocols() default {"ca", "pva"};
}
