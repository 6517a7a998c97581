package org.syncscope.api.camera;

import java.util.List;

/**
 * Access to one kind of camera (one SDK or protocol). Registered with the service property
 * {@value #DRIVER} ({@code sim}, {@code aravis}, {@code ic4}); consumers pick one with a
 * {@code camera.target} filter. A driver whose native library is missing registers no service.
 * Thread safe.
 */
public interface CameraDriver {

    /** Service property naming the driver. */
    String DRIVER = "driver";

    /** The driver's name, equal to its {@value #DRIVER} property. */
    String name();

    /** The cameras reachable now, in discovery order. */
    List<CameraInfo> enumerate() throws CameraException;

    /**
     * Opens a camera by serial number.
     *
     * @throws CameraException if no camera has that serial, or it is in use or fails to open
     */
    Camera open(String serial) throws CameraException;
}
