package org.syncscope.timeav.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.syncscope.timeav.internal.TimeavControl;
import org.syncscope.timeav.internal.TimeavDevice;

@Command(scope = "timeav", name = "reset", description = "Restarts one TIMEAV device (or --all) with its latest expression")
@Service
public class ResetCommand implements Action {

    @Reference
    private TimeavControl control;

    @Option(name = "--all", description = "Every device")
    private boolean all;

    @Argument(name = "name", description = "The device's output PV")
    @Completion(DeviceNameCompleter.class)
    private String name;

    @Override
    public Object execute() {
        if (all == (name != null)) {
            System.out.println("give a device name or --all (not both)");
            return null;
        }
        if (all) {
            control.resetAll();
            System.out.println("restarted " + control.devices().size() + " devices");
            return null;
        }
        TimeavDevice d = control.device(name).orElse(null);
        if (d == null) {
            System.out.println("no TIMEAV device " + name + " (have "
                    + control.devices().stream().map(TimeavDevice::name).toList() + ")");
            return null;
        }
        d.reset();
        System.out.println("restarted " + name);
        return null;
    }
}
