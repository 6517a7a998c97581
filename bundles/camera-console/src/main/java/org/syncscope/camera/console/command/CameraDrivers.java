package org.syncscope.camera.console.command;

import org.apache.karaf.shell.support.CommandException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.camera.CameraDriverStatus;

/**
 * The camera drivers and driver statuses registered now, for one camera:* command: tracked while
 * the command runs and all released by {@link #close()}, so no command leaves a service gotten.
 */
final class CameraDrivers implements AutoCloseable {

    /** A driver status with the service properties that say which configuration it is. */
    record Status(CameraDriverStatus status, Map<String, Object> properties) {

        /** A factory configuration's instance (a simulated-camera file), not a driver's one status. */
        boolean isInstance() {
            return properties.containsKey("service.factoryPid");
        }

        /** "demo (etc/org.syncscope.camera.sim-demo.cfg)": the instance's name and file. */
        String instance() {
            Object name = properties.get("name");
            Object file = properties.get("felix.fileinstall.filename");
            String where = file == null ? String.valueOf(properties.get("service.pid")) : etc(file.toString());
            return (name == null ? "(no name)" : name) + " (" + where + ")";
        }

        private static String etc(String file) {
            String f = file.startsWith("file:") ? file.substring(5) : file;
            int slash = f.lastIndexOf('/');
            int parent = slash > 0 ? f.lastIndexOf('/', slash - 1) : -1;
            return slash > 0 ? f.substring(parent + 1) : f;
        }
    }

    private final ServiceTracker<CameraDriver, CameraDriver> drivers;
    private final ServiceTracker<CameraDriverStatus, CameraDriverStatus> statuses;

    CameraDrivers(BundleContext context) {
        drivers = new ServiceTracker<>(context, CameraDriver.class, null);
        statuses = new ServiceTracker<>(context, CameraDriverStatus.class, null);
        drivers.open();
        statuses.open();
    }

    /** Every driver, in service ranking order (the one a {@code camera.target} filter would bind first). */
    List<CameraDriver> all() {
        List<CameraDriver> out = new ArrayList<>();
        drivers.getTracked().entrySet().stream()
                .sorted((a, b) -> b.getKey().compareTo(a.getKey()))
                .forEach(e -> out.add(e.getValue()));
        return out;
    }

    List<Status> statuses() {
        List<Status> out = new ArrayList<>();
        statuses.getTracked().entrySet().stream()
                .sorted((a, b) -> b.getKey().compareTo(a.getKey()))
                .forEach(e -> out.add(new Status(e.getValue(), properties(e.getKey()))));
        return out;
    }

    /** Drivers named {@code name} (all when null); none is an error naming what exists. */
    List<CameraDriver> named(String name) throws CommandException {
        List<CameraDriver> all = all();
        if (name == null) {
            return all;
        }
        List<CameraDriver> out = all.stream().filter(d -> d.name().equals(name)).toList();
        if (out.isEmpty()) {
            throw new CommandException("no camera driver '" + name + "' is available (have "
                    + all.stream().map(CameraDriver::name).distinct().toList() + "; see camera:drivers)");
        }
        return out;
    }

    private static Map<String, Object> properties(ServiceReference<?> ref) {
        Map<String, Object> p = new java.util.HashMap<>();
        for (String key : ref.getPropertyKeys()) {
            p.put(key, ref.getProperty(key));
        }
        return p;
    }

    @Override
    public void close() {
        drivers.close();
        statuses.close();
    }
}
