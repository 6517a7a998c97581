package org.syncscope.camera.aravis.internal;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * The part of libaravis-0.8's C API the driver uses (signatures as in arvsystem.h, arvcamera.h,
 * arvdevice.h, arvgcfeaturenode.h of Aravis 0.8). Every {@code GError**} is a
 * {@link PointerByReference} that is null on success.
 */
interface AravisLibrary extends Library {

    void arv_update_device_list();

    int arv_get_n_devices();

    String arv_get_device_id(int index);

    String arv_get_device_vendor(int index);

    String arv_get_device_model(int index);

    String arv_get_device_serial_nbr(int index);

    String arv_get_device_address(int index);

    String arv_get_device_protocol(int index);

    /** A new camera (a GObject: release with g_object_unref), or null with the error set. */
    Pointer arv_camera_new(String deviceId, PointerByReference error);

    /** The camera's device, owned by the camera (no unref). */
    Pointer arv_camera_get_device(Pointer camera);

    /** The feature node of that name, owned by the device's genicam, or null when there is none. */
    Pointer arv_device_get_feature(Pointer device, String name);

    /** The node's value as text (owned by the node, valid until its next call). */
    String arv_gc_feature_node_get_value_as_string(Pointer node, PointerByReference error);

    void arv_gc_feature_node_set_value_from_string(Pointer node, String value, PointerByReference error);

    /** ArvGcAccessMode: -1 undefined, 0 RO, 1 WO, 2 RW (taking pValue and locks into account). */
    int arv_gc_feature_node_get_actual_access_mode(Pointer node);

    /** void in 0.8 (gboolean from 0.9 on): success is read from the error. */
    void arv_device_execute_command(Pointer device, String name, PointerByReference error);

    /** libgobject-2.0: reference counting and the run-time type name of a node. */
    interface GObject extends Library {
        void g_object_unref(Pointer object);

        String g_type_name_from_instance(Pointer instance);
    }

    /** libglib-2.0: GError is {guint32 domain; gint code; gchar *message}. */
    interface GLib extends Library {
        void g_error_free(Pointer error);
    }
}
