package org.syncscope.camera.genicam.command;

import java.util.Set;
import java.util.TreeSet;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.osgi.framework.BundleContext;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.camera.CameraDriverStatus;

@Command(scope = "camera", name = "drivers", description = "Lists the camera drivers, and why an installed one is unavailable")
@Service
public class DriversCommand implements Action {

    @Reference
    private BundleContext context;

    @Override
    public Object execute() {
        Set<String> available = new TreeSet<>();
        for (CameraDriver d : CameraDrivers.all(context)) {
            available.add(d.name());
        }
        for (String name : available) {
            System.out.printf("%-8s available%n", name);
        }
        for (CameraDriverStatus s : CameraDrivers.statuses(context)) {
            if (!s.available() && !available.contains(s.name())) {
                System.out.printf("%-8s unavailable: %s%n", s.name(), s.reason());
            }
        }
        return null;
    }
}
