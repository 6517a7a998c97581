package org.syncscope.ptpcheck.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.syncscope.api.camera.Camera;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.camera.CameraException;
import org.syncscope.api.camera.CameraInfo;
import org.syncscope.ptpcheck.CheckSettings;

/** The cameras of one run, opened by serial (or the first 8 found) and all closed together. */
public final class OpenCameras implements AutoCloseable {

    private final List<Camera> cameras;
    private final int found;

    private OpenCameras(List<Camera> cameras, int found) {
        this.cameras = cameras;
        this.found = found;
    }

    /**
     * Opens {@code serials}, or when empty every camera the driver finds (up to 8).
     *
     * @throws CameraException naming the camera that did not open (the others are closed again)
     */
    public static OpenCameras open(CameraDriver driver, List<String> serials) throws CameraException {
        List<String> wanted = serials;
        int found = serials.size();
        if (wanted.isEmpty()) {
            List<CameraInfo> all = driver.enumerate();
            found = all.size();
            if (all.isEmpty()) {
                throw new CameraException("the " + driver.name() + " camera driver finds no camera");
            }
            wanted = all.stream().limit(CheckSettings.MAX_CAMERAS).map(CameraInfo::serial).collect(Collectors.toList());
        }
        List<Camera> opened = new ArrayList<>();
        try {
            for (String serial : wanted) {
                opened.add(driver.open(serial));
            }
        } catch (CameraException | RuntimeException e) {
            opened.forEach(Camera::close);
            throw e;
        }
        return new OpenCameras(List.copyOf(opened), found);
    }

    public List<Camera> cameras() {
        return cameras;
    }

    public List<CameraInfo> infos() {
        return cameras.stream().map(Camera::info).collect(Collectors.toList());
    }

    /** How many cameras the driver found (more than were opened when over 8). */
    public int found() {
        return found;
    }

    @Override
    public void close() {
        cameras.forEach(Camera::close);
    }
}
