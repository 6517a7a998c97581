package org.syncscope.camera.sim.internal;

import org.syncscope.api.camera.CameraException;
import org.syncscope.api.camera.CameraInfo;
import org.syncscope.camera.genicam.GenicamCamera;

/** An open handle on a simulated device; closing it leaves the device (and its PTP state) as it is. */
final class SimCamera extends GenicamCamera {

    private final SimDevice device;
    private volatile boolean open = true;

    SimCamera(SimDevice device) {
        this.device = device;
    }

    @Override
    public CameraInfo info() {
        return device.spec().info();
    }

    @Override
    protected boolean hasFeature(String name) throws CameraException {
        return device.features().containsKey(checkOpen(name));
    }

    @Override
    public String readFeature(String name) throws CameraException {
        String value = device.features().get(checkOpen(name));
        if (value == null) {
            throw new CameraException("camera " + info().serial() + " has no feature " + name);
        }
        return value;
    }

    @Override
    public void writeFeature(String name, String value) throws CameraException {
        device.write(checkOpen(name), value);
    }

    private String checkOpen(String name) throws CameraException {
        if (!open) {
            throw new CameraException("camera " + info().serial() + " is closed (" + name + ")");
        }
        return name;
    }

    @Override
    public void close() {
        open = false;
    }
}
