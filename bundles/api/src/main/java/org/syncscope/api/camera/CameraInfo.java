package org.syncscope.api.camera;

import java.util.Objects;

/**
 * What identifies a camera.
 *
 * @param serial        serial number as the camera reports it (the key for {@link CameraDriver#open})
 * @param model         model name
 * @param interfaceName the host interface it is reached through (e.g. {@code enp3s0}), may be empty
 */
public record CameraInfo(String serial, String model, String interfaceName) {
    public CameraInfo {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(interfaceName, "interfaceName");
    }
}
