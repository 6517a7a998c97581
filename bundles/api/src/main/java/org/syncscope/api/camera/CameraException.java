package org.syncscope.api.camera;

/**
 * A camera operation failed. The message names the camera (serial) and the feature or call, and
 * carries the driver's own error text (GError message, IC4 last-error text).
 */
public class CameraException extends Exception {
    private static final long serialVersionUID = 1L;

    public CameraException(String message) {
        super(message);
    }

    public CameraException(String message, Throwable cause) {
        super(message, cause);
    }
}
