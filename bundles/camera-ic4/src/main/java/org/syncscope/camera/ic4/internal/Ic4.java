package org.syncscope.camera.ic4.internal;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.syncscope.api.camera.CameraException;
import org.syncscope.api.camera.CameraInfo;

/**
 * The loaded IC4 library and what every call needs: a false result turned into an exception with
 * IC4's own error code and text ({@code ic4_get_last_error}, read on the failing thread, as IC4
 * keeps it per thread), and device enumeration that releases every object it takes.
 */
final class Ic4 {

    static final int FEATURE_NOT_FOUND = 101;
    static final int TYPE_MISMATCH = 103;

    /** A failed call: IC4's error code and text. */
    static final class Ic4Exception extends CameraException {
        private static final long serialVersionUID = 1L;
        final int code;

        Ic4Exception(String what, int code, String text) {
            super(what + ": IC4 error " + code + " (" + errorName(code) + "): " + text);
            this.code = code;
        }
    }

    final Ic4Library lib;

    private Ic4(Ic4Library lib) {
        this.lib = lib;
    }

    /**
     * Loads the library and initialises it (logging off).
     *
     * @throws UnsatisfiedLinkError when the library is missing
     * @throws CameraException when ic4_init_library fails
     */
    static Ic4 load(String library) throws CameraException {
        Ic4 ic4 = new Ic4(Native.load(library, Ic4Library.class));
        Ic4Library.InitConfig config = new Ic4Library.InitConfig();
        ic4.check(ic4.lib.ic4_init_library(config), "ic4_init_library");
        return ic4;
    }

    void exit() {
        lib.ic4_exit_library();
    }

    /** Throws with the last error when {@code result} is false (0). */
    void check(byte result, String what) throws Ic4Exception {
        if (result == 0) {
            throw lastError(what);
        }
    }

    Ic4Exception lastError(String what) {
        IntByReference code = new IntByReference();
        NativeLongByReference length = new NativeLongByReference(new NativeLong(0));
        lib.ic4_get_last_error(code, null, length);
        int size = (int) Math.max(1, Math.min(64 * 1024, length.getValue().longValue() + 1));
        byte[] text = new byte[size];
        length.setValue(new NativeLong(size));
        lib.ic4_get_last_error(code, text, length);
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        return new Ic4Exception(what, code.getValue(), new String(text, 0, end, StandardCharsets.UTF_8));
    }

    /** Every device, its model, serial and interface name; every IC4 object taken is released. */
    List<CameraInfo> devices() throws CameraException {
        PointerByReference e = new PointerByReference();
        check(lib.ic4_devenum_create(e), "ic4_devenum_create");
        Pointer enumerator = e.getValue();
        try {
            check(lib.ic4_devenum_update_device_list(enumerator), "ic4_devenum_update_device_list");
            int n = lib.ic4_devenum_get_device_count(enumerator);
            List<CameraInfo> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                PointerByReference ref = new PointerByReference();
                check(lib.ic4_devenum_get_devinfo(enumerator, i, ref), "ic4_devenum_get_devinfo " + i);
                Pointer info = ref.getValue();
                try {
                    out.add(new CameraInfo(text(lib.ic4_devinfo_get_serial(info)),
                            text(lib.ic4_devinfo_get_model_name(info)), interfaceName(info)));
                } finally {
                    lib.ic4_devinfo_unref(info);
                }
            }
            return out;
        } finally {
            lib.ic4_devenum_unref(enumerator);
        }
    }

    private String interfaceName(Pointer info) throws CameraException {
        PointerByReference ref = new PointerByReference();
        check(lib.ic4_devinfo_get_devitf(info, ref), "ic4_devinfo_get_devitf");
        try {
            return text(lib.ic4_devitf_get_display_name(ref.getValue()));
        } finally {
            lib.ic4_devitf_unref(ref.getValue());
        }
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    static String errorName(int code) {
        return switch (code) {
            case 0 -> "no error";
            case 1 -> "unknown";
            case 2 -> "internal";
            case 3 -> "invalid operation";
            case 4 -> "out of memory";
            case 5 -> "library not initialised";
            case 6 -> "driver error";
            case 7 -> "invalid parameter";
            case 9 -> "no data";
            case 13 -> "device invalid";
            case 16 -> "device not found";
            case 17 -> "device error";
            case 18 -> "ambiguous";
            case 21 -> "parse error";
            case 27 -> "timeout";
            case 50 -> "buffer too small";
            case FEATURE_NOT_FOUND -> "GenICam feature not found";
            case 102 -> "GenICam device error";
            case TYPE_MISMATCH -> "GenICam type mismatch";
            case 106 -> "GenICam access denied";
            case 107 -> "GenICam not implemented";
            case 108 -> "GenICam value error";
            default -> "code " + code;
        };
    }
}
