package org.syncscope.camera.genicam.command;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.camera.CameraDriverStatus;

/** The camera drivers registered now, for the camera:* commands. */
final class CameraDrivers {

    private CameraDrivers() {
    }

    static List<CameraDriver> all(BundleContext context) {
        List<CameraDriver> out = new ArrayList<>();
        try {
            Collection<ServiceReference<CameraDriver>> refs = context.getServiceReferences(CameraDriver.class, null);
            for (ServiceReference<CameraDriver> r : refs) {
                CameraDriver d = context.getService(r);
                if (d != null) {
                    out.add(d);
                }
            }
        } catch (InvalidSyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
        return out;
    }

    static List<CameraDriverStatus> statuses(BundleContext context) {
        List<CameraDriverStatus> out = new ArrayList<>();
        try {
            for (ServiceReference<CameraDriverStatus> r : context.getServiceReferences(CameraDriverStatus.class, null)) {
                CameraDriverStatus s = context.getService(r);
                if (s != null) {
                    out.add(s);
                }
            }
        } catch (InvalidSyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
        return out;
    }

    /** Drivers named {@code name} (all when null); none is an error naming what exists. */
    static List<CameraDriver> named(BundleContext context, String name) {
        List<CameraDriver> all = all(context);
        if (name == null) {
            return all;
        }
        List<CameraDriver> out = all.stream().filter(d -> d.name().equals(name)).toList();
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no camera driver '" + name + "' is available (have "
                    + all.stream().map(CameraDriver::name).distinct().toList() + "; see camera:drivers)");
        }
        return out;
    }
}
