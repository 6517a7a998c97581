package org.syncscope.camera.console.command;

import java.io.PrintStream;
import java.util.Set;
import java.util.TreeSet;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.osgi.framework.BundleContext;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.camera.CameraException;

/**
 * The camera drivers: each native one available or why not, and each configured instance of a
 * factory driver (a simulated-camera file) running or refused, and why.
 */
@Command(scope = "camera", name = "drivers", description = "Lists the camera drivers and their configurations, "
        + "and why one is unavailable or refused")
@Service
public class DriversCommand implements Action {

    @Reference
    private BundleContext context;

    @Override
    public Object execute() {
        PrintStream out = System.out;
        try (CameraDrivers drivers = new CameraDrivers(context)) {
            Set<String> described = new TreeSet<>();
            for (CameraDrivers.Status s : drivers.statuses()) {
                String name = s.status().name();
                described.add(name);
                if (s.isInstance()) {
                    String reason = s.status().reason();
                    if (s.status().available()) {
                        out.printf("%-8s available: instance %s, %s%s%n", name, s.instance(), cameras(s),
                                reason.isEmpty() ? "" : "; " + reason);
                    } else {
                        out.printf("%-8s refused: instance %s: %s%n", name, s.instance(), reason);
                    }
                } else if (s.status().available()) {
                    out.printf("%-8s available%n", name);
                } else {
                    out.printf("%-8s unavailable: %s%n", name, s.status().reason());
                }
            }
            Set<String> others = new TreeSet<>();
            for (CameraDriver d : drivers.all()) {
                if (!described.contains(d.name())) {
                    others.add(d.name());
                }
            }
            others.forEach(n -> out.printf("%-8s available%n", n));
        }
        return null;
    }

    private static String cameras(CameraDrivers.Status s) {
        if (!(s.status() instanceof CameraDriver d)) {
            return "running";
        }
        try {
            int n = d.enumerate().size();
            return n == 1 ? "1 camera" : n + " cameras";
        } catch (CameraException | RuntimeException e) {
            return "enumeration failed: " + e.getMessage();
        }
    }
}
