package org.syncscope.camera.genicam;

import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.camera.CameraDriverStatus;

/**
 * What every driver on a native library does at start: load the library and register its
 * {@link CameraDriver} only if that worked; otherwise log one line and keep the bundle up. A
 * {@link CameraDriverStatus} is registered at once either way, so {@code camera:drivers} can say
 * why a driver is missing (or that it is still loading). A driver that is {@link AutoCloseable}
 * is closed on {@link #unregister()}.
 *
 * <p>The library is loaded on a thread of its own: a component's activate must not wait for a
 * native call (Config Admin delivers every configuration on one thread). A driver that finishes
 * loading after {@link #unregister()} is closed instead of registered. Likewise the driver is
 * closed on a thread of its own (closing cameras is native and may wait for a device on the
 * network): {@link #unregister()} waits for it at most a second, and the next load of the same
 * driver waits, on its load thread, until that close ended, so a late library exit never hits the
 * library the next activation initialised.
 */
public final class NativeDriverRegistration implements CameraDriverStatus {

    private static final Logger LOG = LoggerFactory.getLogger(NativeDriverRegistration.class);
    /** How long {@link #unregister()} (SCR's deactivate) waits for the driver's close. */
    static final long CLOSE_WAIT_MS = 1_000;
    /** How long a load waits for the close of the same driver's previous instance. */
    private static final long PREVIOUS_CLOSE_WAIT_MS = 30_000;
    /** The close still running for each driver name; the next load of that name waits for it. */
    private static final Map<String, Thread> CLOSING = new ConcurrentHashMap<>();

    /** Loads the library and builds the driver; may throw {@link UnsatisfiedLinkError}. */
    @FunctionalInterface
    public interface Loader {
        CameraDriver load() throws Exception;
    }

    private final BundleContext context;
    private final String name;
    private final Hashtable<String, Object> props = new Hashtable<>();
    private final ServiceRegistration<CameraDriverStatus> statusRegistration;
    // guarded by this
    private String reason;
    private CameraDriver driver;
    private ServiceRegistration<CameraDriver> driverRegistration;
    private boolean stopped;

    private NativeDriverRegistration(BundleContext context, String name, String reason) {
        this.context = context;
        this.name = name;
        this.reason = reason;
        props.put(CameraDriver.DRIVER, name);
        statusRegistration = context.registerService(CameraDriverStatus.class, this, props);
    }

    /**
     * Registers the status now and loads on a thread of its own, registering the driver if that worked.
     *
     * @param library what the loader loads, for the message
     * @param hint    what to do when it is missing (install what, or which .cfg line to set)
     */
    public static NativeDriverRegistration register(BundleContext context, String name, String library, String hint,
                                                    Loader loader) {
        NativeDriverRegistration r = new NativeDriverRegistration(context, name, "loading " + library);
        Thread t = new Thread(() -> r.load(library, hint, loader), name + "-driver-load");
        t.setDaemon(true);
        t.start();
        return r;
    }

    /** Registers only a status saying why the driver is not loaded (a refused configuration). */
    public static NativeDriverRegistration refused(BundleContext context, String name, String reason) {
        return new NativeDriverRegistration(context, name, reason);
    }

    private void load(String library, String hint, Loader loader) {
        awaitPreviousClose();
        CameraDriver loaded = null;
        String why = "";
        try {
            loaded = loader.load();
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            why = "cannot load " + library + " (" + hint + "): " + e.getMessage();
        } catch (Exception e) {
            why = "the " + name + " library did not initialise: " + e.getMessage();
        }
        synchronized (this) {
            if (!stopped) {
                reason = why;
                if (loaded != null) {
                    driver = loaded;
                    driverRegistration = context.registerService(CameraDriver.class, loaded, props);
                    LOG.info("{} camera driver available ({})", name, library);
                } else {
                    LOG.warn("{} camera driver unavailable: {}", name, why);
                }
                return;
            }
        }
        close(loaded);   // unregistered while loading
    }

    /** Withdraws both services and closes the driver when it holds native resources. */
    public void unregister() {
        CameraDriver d;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            statusRegistration.unregister();
            if (driverRegistration != null) {
                driverRegistration.unregister();
                driverRegistration = null;
            }
            d = driver;
            driver = null;
        }
        if (!(d instanceof AutoCloseable)) {
            return;
        }
        Thread closer = new Thread(() -> {
            try {
                close(d);
            } finally {
                CLOSING.remove(name, Thread.currentThread());
            }
        }, name + "-driver-close");
        closer.setDaemon(true);
        CLOSING.put(name, closer);
        closer.start();
        try {
            closer.join(CLOSE_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            LOG.warn("{} camera driver still closing after {} ms; going on, it closes in the background", name,
                    CLOSE_WAIT_MS);
        }
    }

    /** On the load thread: the previous instance's close must end first (it may exit the library). */
    private void awaitPreviousClose() {
        Thread previous = CLOSING.get(name);
        if (previous == null) {
            return;
        }
        try {
            previous.join(PREVIOUS_CLOSE_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (previous.isAlive()) {
            LOG.warn("{} camera driver: the previous instance still closes after {} ms; loading anyway", name,
                    PREVIOUS_CLOSE_WAIT_MS);
        }
    }

    private void close(CameraDriver d) {
        if (d instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("{} camera driver did not close cleanly: {}", name, e.getMessage());
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized boolean available() {
        return driverRegistration != null;
    }

    @Override
    public synchronized String reason() {
        return reason;
    }
}
