package org.syncscope.camera.console.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.osgi.framework.BundleContext;
import org.syncscope.api.camera.Camera;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.camera.CameraException;
import org.syncscope.api.camera.CameraInfo;

/** Reads or writes one GenICam feature of one camera, on whichever driver finds that serial. */
@Command(scope = "camera", name = "feature", description = "Reads NAME, or writes NAME=VALUE (a command feature: NAME=), on one camera")
@Service
public class FeatureCommand implements Action {

    @Reference
    private BundleContext context;

    @Option(name = "--driver", description = "The driver to use when several find the serial")
    private String driver;

    @Argument(index = 0, name = "serial", required = true, description = "Camera serial number")
    private String serial;

    @Argument(index = 1, name = "feature", required = true, description = "NAME or NAME=VALUE")
    private String feature;

    @Override
    public Object execute() throws CommandException {
        try {
            return readOrWrite();
        } catch (CameraException | IllegalArgumentException e) {
            // a camera that is not there or refuses: the console says so, no stack trace in the log
            throw new CommandException(e.getMessage(), e);
        }
    }

    private Object readOrWrite() throws CameraException, CommandException {
        int eq = feature.indexOf('=');
        String name = eq < 0 ? feature : feature.substring(0, eq);
        if (name.isBlank()) {
            throw new CommandException("feature '" + feature + "' has no name");
        }
        try (CameraDrivers drivers = new CameraDrivers(context); Camera c = find(drivers).open(serial)) {
            if (eq >= 0) {
                c.writeFeature(name, feature.substring(eq + 1));
                System.out.println(name + " written");
            } else {
                System.out.println(name + " = " + c.readFeature(name));
            }
        }
        return null;
    }

    private CameraDriver find(CameraDrivers all) throws CameraException, CommandException {
        for (CameraDriver d : all.named(driver)) {
            for (CameraInfo c : d.enumerate()) {
                if (c.serial().equals(serial)) {
                    return d;
                }
            }
        }
        throw new CommandException("no camera " + serial + " on " + (driver == null ? "any driver" : driver)
                + " (see camera:list)");
    }
}
