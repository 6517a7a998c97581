package org.syncscope.camera.aravis.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = AravisConfig.PID, name = "Syncscope Aravis camera driver",
        description = "GenICam cameras (GigE Vision, USB3 Vision) through libaravis-0.8 (Debian libaravis-0.8-0)")
@interface AravisConfig {

    String PID = "org.syncscope.camera.aravis";

    @AttributeDefinition(name = "Aravis library", description = "Library name or path given to the loader")
    String libraryPath() default "libaravis-0.8.so.0";

    @AttributeDefinition(name = "GObject library", description = "Library name or path given to the loader")
    String gobjectLibraryPath() default "libgobject-2.0.so.0";

    @AttributeDefinition(name = "GLib library", description = "Library name or path given to the loader")
    String glibLibraryPath() default "libglib-2.0.so.0";
}
