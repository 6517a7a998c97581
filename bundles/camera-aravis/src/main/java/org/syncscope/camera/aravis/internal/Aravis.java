package org.syncscope.camera.aravis.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.syncscope.api.camera.CameraException;

/**
 * The loaded libraries and what every call needs: GError to exception (message kept, error freed),
 * and discovery, which is global in Aravis and therefore done under one lock.
 */
final class Aravis {

    /** One entry of Aravis's device list. */
    record Device(String id, String vendor, String model, String serial, String address, String protocol) {
    }

    final AravisLibrary arv;
    final AravisLibrary.GObject gobject;
    final AravisLibrary.GLib glib;
    private final Object discovery = new Object();

    private Aravis(AravisLibrary arv, AravisLibrary.GObject gobject, AravisLibrary.GLib glib) {
        this.arv = arv;
        this.gobject = gobject;
        this.glib = glib;
    }

    /**
     * dlopen flags: RTLD_LAZY | RTLD_GLOBAL as JNA's default, plus RTLD_NODELETE. JNA closes a
     * library once nothing refers to it; Aravis registers GObject types, which GLib never forgets
     * (it marks itself NODELETE for that reason, Aravis does not), so an Aravis loaded again finds
     * its types taken and its next discovery waits forever in g_once_init_enter.
     */
    static final int OPEN_FLAGS = 0x0001 | 0x0100 | 0x1000;

    /**
     * Loads the libraries; Aravis stays loaded for the life of the process.
     *
     * @throws UnsatisfiedLinkError naming the library that is missing
     */
    static Aravis load(String aravisLibrary, String gobjectLibrary, String glibLibrary) {
        Map<String, Object> options = Map.of(Library.OPTION_OPEN_FLAGS, OPEN_FLAGS);
        return new Aravis(Native.load(aravisLibrary, AravisLibrary.class, options),
                Native.load(gobjectLibrary, AravisLibrary.GObject.class, options),
                Native.load(glibLibrary, AravisLibrary.GLib.class, options));
    }

    List<Device> devices() {
        synchronized (discovery) {
            arv.arv_update_device_list();
            int n = arv.arv_get_n_devices();
            List<Device> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(new Device(text(arv.arv_get_device_id(i)), text(arv.arv_get_device_vendor(i)),
                        text(arv.arv_get_device_model(i)), text(arv.arv_get_device_serial_nbr(i)),
                        text(arv.arv_get_device_address(i)), text(arv.arv_get_device_protocol(i))));
            }
            return out;
        }
    }

    /** Throws when the call set its GError: the message says what was done and Aravis's own words. */
    void check(PointerByReference error, String what) throws CameraException {
        Pointer e = error.getValue();
        if (e == null) {
            return;
        }
        String message;
        try {
            Pointer text = e.getPointer(8);           // after guint32 domain and gint code
            message = text == null ? "(no message)" : text.getString(0, "UTF-8");
        } finally {
            glib.g_error_free(e);
        }
        throw new CameraException(what + ": " + message);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
