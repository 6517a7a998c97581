package org.syncscope.camera.ic4.internal;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.camera.Camera;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.camera.CameraException;
import org.syncscope.api.camera.CameraInfo;

/**
 * The Imaging Source cameras through IC4; registered only when the library loaded and initialised.
 * Closing the driver closes every camera still open, then exits the library; a camera busy past
 * the deadline (a native call that does not return) leaves the library initialised rather than
 * exiting it under that call.
 */
final class Ic4CameraDriver implements CameraDriver, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Ic4CameraDriver.class);
    static final long CLOSE_WAIT_MS = 3000;

    private final Ic4 ic4;
    private final long closeWaitMs;
    /** Serialises enumeration, opening and the library exit. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<Ic4Camera> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    Ic4CameraDriver(Ic4 ic4) {
        this(ic4, CLOSE_WAIT_MS);
    }

    Ic4CameraDriver(Ic4 ic4, long closeWaitMs) {
        this.ic4 = ic4;
        this.closeWaitMs = closeWaitMs;
    }

    @Override
    public String name() {
        return "ic4";
    }

    /**
     * Closes the open cameras (on a thread of its own, waited for at most {@code closeWaitMs}), then
     * ic4_exit_library; after it the driver refuses every call, so no IC4 call follows the exit.
     */
    @Override
    public void close() {
        closed = true;
        long deadline = System.nanoTime() + closeWaitMs * 1_000_000L;
        Thread closer = new Thread(() -> List.copyOf(open).forEach(Ic4Camera::close), "ic4-close-cameras");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(closeWaitMs);
            long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
            if (!closer.isAlive() && open.isEmpty() && lock.tryLock(left, TimeUnit.MILLISECONDS)) {
                try {
                    ic4.exit();
                } finally {
                    lock.unlock();
                }
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.warn("IC4: {} camera(s) or a device enumeration still busy after {} ms; ic4_exit_library not called, "
                + "the library stays initialised", open.size(), closeWaitMs);
    }

    @Override
    public List<CameraInfo> enumerate() throws CameraException {
        lock.lock();
        try {
            refuseIfClosed();
            return ic4.devices();
        } finally {
            lock.unlock();
        }
    }

    private void refuseIfClosed() throws CameraException {
        if (closed) {
            throw new CameraException("the IC4 camera driver is stopped");
        }
    }

    /** Opens by serial through {@code ic4_grabber_device_open_by_identifier}; on any failure nothing is kept. */
    @Override
    public Camera open(String serial) throws CameraException {
        lock.lock();
        try {
            refuseIfClosed();
            Ic4Camera camera = openLocked(serial);
            open.add(camera);
            return camera;
        } finally {
            lock.unlock();
        }
    }

    private Ic4Camera openLocked(String serial) throws CameraException {
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
        return new Ic4Camera(ic4, info, grabber, m.getValue(), open::remove);
    }
}
