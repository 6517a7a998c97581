package org.syncscope.camera.ic4.internal;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.ByteByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The part of IC4's C API (C_ic4.h) the driver uses. C {@code bool} is one byte: results are
 * mapped to {@code byte} (a Java boolean would read the whole register, whose upper bytes C need
 * not clear) and checked against 0. {@code size_t} is a C long on Linux ({@link NativeLong}).
 */
interface Ic4Library extends Library {

    /** struct IC4_INIT_CONFIG (32 bytes on x86-64). */
    @Structure.FieldOrder({"api_log_level", "internal_log_level", "log_targets", "log_file", "reserved0"})
    class InitConfig extends Structure {
        public int api_log_level;
        public int internal_log_level;
        public int log_targets;
        public String log_file;
        public long reserved0;
    }

    byte ic4_init_library(InitConfig config);

    void ic4_exit_library();

    /** {@code message} null: only the length (with its NUL) is returned in {@code length}. */
    byte ic4_get_last_error(IntByReference error, byte[] message, NativeLongByReference length);

    byte ic4_devenum_create(PointerByReference enumerator);

    void ic4_devenum_unref(Pointer enumerator);

    byte ic4_devenum_update_device_list(Pointer enumerator);

    int ic4_devenum_get_device_count(Pointer enumerator);

    byte ic4_devenum_get_devinfo(Pointer enumerator, int index, PointerByReference info);

    void ic4_devinfo_unref(Pointer info);

    String ic4_devinfo_get_model_name(Pointer info);

    String ic4_devinfo_get_serial(Pointer info);

    byte ic4_devinfo_get_devitf(Pointer info, PointerByReference itf);

    String ic4_devitf_get_display_name(Pointer itf);

    void ic4_devitf_unref(Pointer itf);

    byte ic4_grabber_create(PointerByReference grabber);

    void ic4_grabber_unref(Pointer grabber);

    byte ic4_grabber_device_open_by_identifier(Pointer grabber, String identifier);

    byte ic4_grabber_device_close(Pointer grabber);

    byte ic4_grabber_device_get_property_map(Pointer grabber, PointerByReference map);

    void ic4_propmap_unref(Pointer map);

    byte ic4_propmap_execute_command(Pointer map, String name);

    byte ic4_propmap_get_value_int64(Pointer map, String name, LongByReference value);

    byte ic4_propmap_get_value_bool(Pointer map, String name, ByteByReference value);

    /** {@code buffer} null: {@code size} receives the length needed. */
    byte ic4_propmap_get_value_string(Pointer map, String name, byte[] buffer, NativeLongByReference size);

    byte ic4_propmap_set_value_int64(Pointer map, String name, long value);

    byte ic4_propmap_set_value_bool(Pointer map, String name, byte value);

    byte ic4_propmap_set_value_string(Pointer map, String name, String value);
}
