package org.syncscope.camera.genicam;

import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.camera.CameraDriverStatus;

/**
 * What every driver on a native library does at start: load the library and register its
 * {@link CameraDriver} only if that worked; otherwise log one line and keep the bundle up. A
 * {@link CameraDriverStatus} is registered either way, so {@code camera:drivers} can say why a
 * driver is missing. A driver that is {@link AutoCloseable} is closed on {@link #unregister()}.
 */
public final class NativeDriverRegistration implements CameraDriverStatus {

    private static final Logger LOG = LoggerFactory.getLogger(NativeDriverRegistration.class);

    /** Loads the library and builds the driver; may throw {@link UnsatisfiedLinkError}. */
    @FunctionalInterface
    public interface Loader {
        CameraDriver load() throws Exception;
    }

    private final String name;
    private final String reason;
    private final CameraDriver driver;
    private final ServiceRegistration<CameraDriver> driverRegistration;
    private final ServiceRegistration<CameraDriverStatus> statusRegistration;

    private NativeDriverRegistration(BundleContext context, String name, String library, String hint, Loader loader) {
        this.name = name;
        CameraDriver loaded = null;
        String why = "";
        try {
            loaded = loader.load();
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            why = "cannot load " + library + " (" + hint + "): " + e.getMessage();
        } catch (Exception e) {
            why = "the " + name + " library did not initialise: " + e.getMessage();
        }
        this.driver = loaded;
        this.reason = why;
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(CameraDriver.DRIVER, name);
        if (loaded != null) {
            driverRegistration = context.registerService(CameraDriver.class, loaded, props);
            LOG.info("{} camera driver available ({})", name, library);
        } else {
            driverRegistration = null;
            LOG.warn("{} camera driver unavailable: {}", name, why);
        }
        statusRegistration = context.registerService(CameraDriverStatus.class, this, props);
    }

    /**
     * Loads and registers.
     *
     * @param library what the loader loads, for the message
     * @param hint    what to do when it is missing (install what, or which .cfg line to set)
     */
    public static NativeDriverRegistration register(BundleContext context, String name, String library, String hint,
                                                    Loader loader) {
        return new NativeDriverRegistration(context, name, library, hint, loader);
    }

    /** Withdraws both services and closes the driver when it holds native resources. */
    public void unregister() {
        statusRegistration.unregister();
        if (driverRegistration != null) {
            driverRegistration.unregister();
            if (driver instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("{} camera driver did not close cleanly: {}", name, e.getMessage());
                }
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean available() {
        return driverRegistration != null;
    }

    @Override
    public String reason() {
        return reason;
    }
}
