package org.syncscope.camera.ic4.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = Ic4Config.PID, name = "Syncscope IC4 camera driver",
        description = "The Imaging Source cameras through the IC4 SDK's C library (libic4core.so)")
@interface Ic4Config {

    String PID = "org.syncscope.camera.ic4";

    @AttributeDefinition(name = "IC4 library", description = "Library name or path given to the loader "
            + "(ic4core finds the SDK's libic4core.so on the library path)")
    String libraryPath() default "ic4core";
}
