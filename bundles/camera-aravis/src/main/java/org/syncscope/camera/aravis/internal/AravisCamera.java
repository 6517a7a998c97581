package org.syncscope.camera.aravis.internal;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.Locale;
import org.syncscope.api.camera.CameraException;
import org.syncscope.api.camera.CameraInfo;
import org.syncscope.camera.genicam.GenicamCamera;

/**
 * One camera opened through Aravis. Every call is serialised on this object (Aravis devices are not
 * thread safe); {@link #close()} drops our reference to the ArvCamera (g_object_unref), which
 * releases the device and its control channel.
 */
final class AravisCamera extends GenicamCamera {

    private static final int ACCESS_READ_ONLY = 0;

    private final Aravis aravis;
    private final CameraInfo info;
    private Pointer camera;
    private Pointer device;

    AravisCamera(Aravis aravis, CameraInfo info, Pointer camera) {
        this.aravis = aravis;
        this.info = info;
        this.camera = camera;
        this.device = aravis.arv.arv_camera_get_device(camera);
    }

    @Override
    public CameraInfo info() {
        return info;
    }

    @Override
    protected synchronized boolean hasFeature(String name) throws CameraException {
        return aravis.arv.arv_device_get_feature(device(name), name) != null;
    }

    @Override
    public synchronized String readFeature(String name) throws CameraException {
        Pointer node = node(name);
        if (kind(node).equals("command")) {
            throw new CameraException("camera " + info.serial() + " feature " + name + " is a command; it has no value");
        }
        PointerByReference error = new PointerByReference();
        String value = aravis.arv.arv_gc_feature_node_get_value_as_string(node, error);
        aravis.check(error, "camera " + info.serial() + " reading " + name);
        return value == null ? "" : value;
    }

    /**
     * Checks the text against the node's type first: Aravis itself would turn "maybe" into false
     * and "12x" into 12 without a word.
     */
    @Override
    public synchronized void writeFeature(String name, String value) throws CameraException {
        Pointer node = node(name);
        if (aravis.arv.arv_gc_feature_node_get_actual_access_mode(node) == ACCESS_READ_ONLY) {
            throw new CameraException("camera " + info.serial() + " feature " + name + " is read-only");
        }
        PointerByReference error = new PointerByReference();
        String what = "camera " + info.serial() + " writing " + name;
        switch (kind(node)) {
            case "command" -> aravis.arv.arv_device_execute_command(device, name, error);
            case "boolean" -> aravis.arv.arv_gc_feature_node_set_value_from_string(node, bool(name, value), error);
            case "integer" -> aravis.arv.arv_gc_feature_node_set_value_from_string(node, integer(name, value), error);
            case "float" -> aravis.arv.arv_gc_feature_node_set_value_from_string(node, decimal(name, value), error);
            default -> aravis.arv.arv_gc_feature_node_set_value_from_string(node, value, error);
        }
        aravis.check(error, what);
    }

    @Override
    public synchronized void close() {
        if (camera != null) {
            aravis.gobject.g_object_unref(camera);
            camera = null;
            device = null;
        }
    }

    /** Whether {@link #close()} released the ArvCamera (tests check references are dropped). */
    synchronized boolean released() {
        return camera == null;
    }

    private Pointer device(String name) throws CameraException {
        if (device == null) {
            throw new CameraException("camera " + info.serial() + " is closed (" + name + ")");
        }
        return device;
    }

    private Pointer node(String name) throws CameraException {
        Pointer node = aravis.arv.arv_device_get_feature(device(name), name);
        if (node == null) {
            throw new CameraException("camera " + info.serial() + " has no feature " + name);
        }
        return node;
    }

    /** The GenICam node class, from its GObject type name (ArvGcBoolean, ArvGcIntReg…). */
    private String kind(Pointer node) {
        String type = aravis.gobject.g_type_name_from_instance(node);
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (t.contains("command")) {
            return "command";
        }
        if (t.contains("boolean")) {
            return "boolean";
        }
        if (t.contains("enumeration")) {
            return "enumeration";
        }
        if (t.contains("string")) {
            return "string";
        }
        if (t.contains("float")) {
            return "float";
        }
        if (t.contains("int") || t.contains("converter") || t.contains("swissknife")) {
            return "integer";
        }
        return "other";
    }

    private String bool(String name, String value) throws CameraException {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> "true";
            case "false", "0" -> "false";
            default -> throw new CameraException("camera " + info.serial() + " " + name + ": '" + value
                    + "' is not a boolean (true/false)");
        };
    }

    private String integer(String name, String value) throws CameraException {
        try {
            return Long.toString(Long.decode(value.trim()));
        } catch (NumberFormatException e) {
            throw new CameraException("camera " + info.serial() + " " + name + ": '" + value + "' is not an integer");
        }
    }

    private String decimal(String name, String value) throws CameraException {
        try {
            return Double.toString(Double.parseDouble(value.trim()));
        } catch (NumberFormatException e) {
            throw new CameraException("camera " + info.serial() + " " + name + ": '" + value + "' is not a number");
        }
    }
}
