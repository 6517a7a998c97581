package org.syncscope.camera.aravis.internal;

import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a JVM of its own by {@link AravisDriverTest}: discovers, lets JNA close Aravis as it does
 * once nothing refers to the library (a driver deactivated and collected), loads it again and
 * discovers again. Prints whether Aravis stayed mapped and both device counts.
 */
public final class AravisReloadCheck {

    private AravisReloadCheck() {
    }

    public static void main(String[] args) throws Exception {
        Aravis first = Aravis.load("libaravis-0.8.so.0", "libgobject-2.0.so.0", "libglib-2.0.so.0");
        int before = first.devices().size();
        NativeLibrary arv = ((Library.Handler) Proxy.getInvocationHandler(first.arv)).getNativeLibrary();
        arv.dispose();   // what JNA's cleaner does when the library becomes unreachable: dlclose
        System.out.println("mapped=" + Files.readString(Path.of("/proc/self/maps")).contains("libaravis-0.8.so"));
        System.out.flush();
        Aravis second = Aravis.load("libaravis-0.8.so.0", "libgobject-2.0.so.0", "libglib-2.0.so.0");
        int after = second.devices().size();
        System.out.println("devices=" + before + "," + after);
    }
}
