package org.syncscope.camera.console.command;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.osgi.framework.BundleContext;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.camera.CameraException;
import org.syncscope.api.camera.CameraInfo;

@Command(scope = "camera", name = "list", description = "Lists the cameras every driver (or one) finds, and the "
        + "configured instances that are refused")
@Service
public class ListCommand implements Action {

    @Reference
    private BundleContext context;

    @Option(name = "--driver", description = "Only this driver (sim, aravis, ic4)")
    private String driver;

    @Override
    public Object execute() throws Exception {
        try (CameraDrivers drivers = new CameraDrivers(context)) {
            List<CameraDriver> listed = drivers.named(driver);
            System.out.printf("%-8s %-16s %-24s %s%n", "driver", "serial", "model", "interface");
            for (CameraDriver d : listed) {
                try {
                    for (CameraInfo c : d.enumerate()) {
                        System.out.printf("%-8s %-16s %-24s %s%n", d.name(), c.serial(), c.model(), c.interfaceName());
                    }
                } catch (CameraException e) {
                    System.out.printf("%-8s (enumeration failed: %s)%n", d.name(), e.getMessage());
                }
            }
            for (CameraDrivers.Status s : drivers.statuses()) {
                if (s.isInstance() && !s.status().available() && (driver == null || driver.equals(s.status().name()))) {
                    System.out.printf("%-8s (instance %s refused: %s)%n", s.status().name(), s.instance(),
                            s.status().reason());
                }
            }
        }
        return null;
    }
}
