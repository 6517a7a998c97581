package org.syncscope.camera.aravis.internal;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.syncscope.api.camera.Camera;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.camera.CameraException;
import org.syncscope.api.camera.CameraInfo;

/** GigE Vision / USB3 Vision cameras through Aravis; registered only when the library loaded. */
final class AravisCameraDriver implements CameraDriver {

    private final Aravis aravis;

    AravisCameraDriver(Aravis aravis) {
        this.aravis = aravis;
    }

    @Override
    public String name() {
        return "aravis";
    }

    /** The interface is the device's address (GigE Vision) or its protocol (USB3 Vision). */
    @Override
    public List<CameraInfo> enumerate() {
        return aravis.devices().stream().map(AravisCameraDriver::info).collect(Collectors.toList());
    }

    private static CameraInfo info(Aravis.Device d) {
        return new CameraInfo(d.serial(), d.model(), d.address().isEmpty() ? d.protocol() : d.address());
    }

    /** Opens by serial number, or by address when no serial matches. */
    @Override
    public Camera open(String serial) throws CameraException {
        List<Aravis.Device> devices = aravis.devices();
        Optional<Aravis.Device> found = devices.stream().filter(d -> d.serial().equals(serial)).findFirst()
                .or(() -> devices.stream().filter(d -> d.address().equals(serial)).findFirst());
        if (found.isEmpty()) {
            throw new CameraException("no Aravis camera has serial or address " + serial + " (found "
                    + devices.stream().map(Aravis.Device::serial).collect(Collectors.toList()) + ")");
        }
        Aravis.Device d = found.get();
        PointerByReference error = new PointerByReference();
        Pointer camera = aravis.arv.arv_camera_new(d.id(), error);
        aravis.check(error, "opening Aravis camera " + d.serial() + " (" + d.id() + ")");
        if (camera == null) {
            throw new CameraException("opening Aravis camera " + d.serial() + " (" + d.id() + ") gave no camera");
        }
        return new AravisCamera(aravis, info(d), camera);
    }
}
