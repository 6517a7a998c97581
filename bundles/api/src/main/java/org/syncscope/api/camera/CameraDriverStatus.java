package org.syncscope.api.camera;

/**
 * Whether a camera driver whose native library may be missing could start. Such a driver
 * registers this service always (property {@value CameraDriver#DRIVER} = its name) and its
 * {@link CameraDriver} only when the library loaded, so {@code camera:drivers} can say why a
 * driver is unavailable. Drivers without native parts need not register it.
 */
public interface CameraDriverStatus {

    /** The driver's name, as its {@value CameraDriver#DRIVER} property. */
    String name();

    /** True when the driver's {@link CameraDriver} service is registered. */
    boolean available();

    /** Why it is not available (e.g. the library that failed to load and the loader's message); empty when available. */
    String reason();
}
