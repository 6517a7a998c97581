package org.syncscope.camera.ic4.internal;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.List;
import org.syncscope.api.camera.Camera;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.camera.CameraException;
import org.syncscope.api.camera.CameraInfo;

/** The Imaging Source cameras through IC4; registered only when the library loaded and initialised. */
final class Ic4CameraDriver implements CameraDriver, AutoCloseable {

    private final Ic4 ic4;

    Ic4CameraDriver(Ic4 ic4) {
        this.ic4 = ic4;
    }

    @Override
    public String name() {
        return "ic4";
    }

    /** ic4_exit_library, when the driver is withdrawn. */
    @Override
    public void close() {
        ic4.exit();
    }

    @Override
    public synchronized List<CameraInfo> enumerate() throws CameraException {
        return ic4.devices();
    }

    /** Opens by serial through {@code ic4_grabber_device_open_by_identifier}; on any failure nothing is kept. */
    @Override
    public synchronized Camera open(String serial) throws CameraException {
        CameraInfo info = ic4.devices().stream().filter(c -> c.serial().equals(serial)).findFirst()
                .orElse(new CameraInfo(serial, "", ""));
        PointerByReference g = new PointerByReference();
        ic4.check(ic4.lib.ic4_grabber_create(g), "ic4_grabber_create");
        Pointer grabber = g.getValue();
        try {
            ic4.check(ic4.lib.ic4_grabber_device_open_by_identifier(grabber, serial), "opening IC4 camera " + serial);
        } catch (CameraException e) {
            ic4.lib.ic4_grabber_unref(grabber);
            throw e;
        }
        PointerByReference m = new PointerByReference();
        try {
            ic4.check(ic4.lib.ic4_grabber_device_get_property_map(grabber, m), "IC4 camera " + serial + " property map");
        } catch (CameraException e) {
            ic4.lib.ic4_grabber_device_close(grabber);
            ic4.lib.ic4_grabber_unref(grabber);
            throw e;
        }
        return new Ic4Camera(ic4, info, grabber, m.getValue());
    }
}
