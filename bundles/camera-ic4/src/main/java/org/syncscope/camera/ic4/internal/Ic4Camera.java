package org.syncscope.camera.ic4.internal;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.ByteByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.NativeLongByReference;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.syncscope.api.camera.CameraException;
import org.syncscope.api.camera.CameraInfo;
import org.syncscope.camera.genicam.GenicamCamera;

/**
 * One camera opened through IC4: a grabber with its device open and the device's property map.
 * IC4 properties are typed and the C API has a getter per type, so a property's type is found by
 * asking (string, then int64, then bool): a type mismatch means "not this one". Calls are
 * serialised on this object; {@link #close()} releases the map, closes the device and releases
 * the grabber.
 */
final class Ic4Camera extends GenicamCamera {

    private enum Kind { STRING, INTEGER, BOOLEAN, COMMAND }

    private final Ic4 ic4;
    private final CameraInfo info;
    private Pointer grabber;
    private Pointer map;
    private Long lastLatch;
    private final java.util.function.Consumer<Ic4Camera> onClose;

    /** {@code onClose} is told once, after the camera's IC4 objects are released. */
    Ic4Camera(Ic4 ic4, CameraInfo info, Pointer grabber, Pointer map, java.util.function.Consumer<Ic4Camera> onClose) {
        this.ic4 = ic4;
        this.info = info;
        this.grabber = grabber;
        this.map = map;
        this.onClose = onClose;
    }

    @Override
    public CameraInfo info() {
        return info;
    }

    @Override
    protected synchronized boolean hasFeature(String name) throws CameraException {
        try {
            kind(name);
            return true;
        } catch (Ic4.Ic4Exception e) {
            if (e.code == Ic4.FEATURE_NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public synchronized String readFeature(String name) throws CameraException {
        return switch (kind(name)) {
            case STRING -> string(name);
            case INTEGER -> Long.toString(int64(name));
            case BOOLEAN -> Boolean.toString(bool(name));
            case COMMAND -> throw new CameraException("camera " + info.serial() + " feature " + name
                    + " is a command; it has no value");
        };
    }

    @Override
    public synchronized void writeFeature(String name, String value) throws CameraException {
        String what = "camera " + info.serial() + " writing " + name;
        switch (kind(name)) {
            case COMMAND -> ic4.check(ic4.lib.ic4_propmap_execute_command(map(name), name), what);
            case BOOLEAN -> ic4.check(ic4.lib.ic4_propmap_set_value_bool(map(name), name, parseBool(name, value)), what);
            case INTEGER -> ic4.check(ic4.lib.ic4_propmap_set_value_int64(map(name), name, parseLong(name, value)), what);
            case STRING -> ic4.check(ic4.lib.ic4_propmap_set_value_string(map(name), name, value), what);
        }
    }

    /**
     * Old TIS firmware kept TimestampLatchValue in 32 bits, so it wrapped and went backwards
     * (tiscamera issue 508): a value below the previous latch is reported, not used.
     */
    @Override
    public synchronized long latchedTimestampNanos() throws CameraException {
        long value = super.latchedTimestampNanos();
        Long previous = lastLatch;
        lastLatch = value;
        if (previous != null && value < previous) {
            throw new CameraException("camera " + info.serial() + " TimestampLatchValue went backwards (" + value
                    + " after " + previous + "): firmware that keeps the latch in 32 bits wraps; update the camera's firmware");
        }
        return value;
    }

    @Override
    public synchronized void close() {
        if (grabber != null) {
            ic4.lib.ic4_propmap_unref(map);
            ic4.lib.ic4_grabber_device_close(grabber);
            ic4.lib.ic4_grabber_unref(grabber);
            grabber = null;
            map = null;
            onClose.accept(this);
        }
    }

    private Pointer map(String name) throws CameraException {
        if (map == null) {
            throw new CameraException("camera " + info.serial() + " is closed (" + name + ")");
        }
        return map;
    }

    private Kind kind(String name) throws CameraException {
        Pointer m = map(name);
        String what = "camera " + info.serial() + " " + name;
        NativeLongByReference size = new NativeLongByReference(new NativeLong(0));
        if (ic4.lib.ic4_propmap_get_value_string(m, name, null, size) != 0) {
            return Kind.STRING;
        }
        mismatchOrThrow(what);
        if (ic4.lib.ic4_propmap_get_value_int64(m, name, new LongByReference()) != 0) {
            return Kind.INTEGER;
        }
        mismatchOrThrow(what);
        if (ic4.lib.ic4_propmap_get_value_bool(m, name, new ByteByReference()) != 0) {
            return Kind.BOOLEAN;
        }
        mismatchOrThrow(what);
        return Kind.COMMAND;
    }

    private void mismatchOrThrow(String what) throws Ic4.Ic4Exception {
        Ic4.Ic4Exception e = ic4.lastError(what);
        if (e.code != Ic4.TYPE_MISMATCH) {
            throw e;
        }
    }

    /** Asks for the length first, then reads into a buffer one byte longer (IC4 does not say whether it counts the NUL). */
    private String string(String name) throws CameraException {
        String what = "camera " + info.serial() + " reading " + name;
        NativeLongByReference size = new NativeLongByReference(new NativeLong(0));
        ic4.check(ic4.lib.ic4_propmap_get_value_string(map(name), name, null, size), what);
        int n = (int) Math.min(1 << 20, size.getValue().longValue() + 1);
        byte[] buffer = new byte[n];
        size.setValue(new NativeLong(n));
        ic4.check(ic4.lib.ic4_propmap_get_value_string(map(name), name, buffer, size), what);
        int end = 0;
        while (end < buffer.length && buffer[end] != 0) {
            end++;
        }
        return new String(buffer, 0, end, StandardCharsets.UTF_8);
    }

    private long int64(String name) throws CameraException {
        LongByReference v = new LongByReference();
        ic4.check(ic4.lib.ic4_propmap_get_value_int64(map(name), name, v), "camera " + info.serial() + " reading " + name);
        return v.getValue();
    }

    private boolean bool(String name) throws CameraException {
        ByteByReference v = new ByteByReference();
        ic4.check(ic4.lib.ic4_propmap_get_value_bool(map(name), name, v), "camera " + info.serial() + " reading " + name);
        return v.getValue() != 0;
    }

    private byte parseBool(String name, String value) throws CameraException {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> 1;
            case "false", "0" -> 0;
            default -> throw new CameraException("camera " + info.serial() + " " + name + ": '" + value
                    + "' is not a boolean (true/false)");
        };
    }

    private long parseLong(String name, String value) throws CameraException {
        try {
            return Long.decode(value.trim());
        } catch (NumberFormatException e) {
            throw new CameraException("camera " + info.serial() + " " + name + ": '" + value + "' is not an integer");
        }
    }
}
