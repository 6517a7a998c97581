package org.syncscope.timeav.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.syncscope.timeav.TimeavDevices;

@Command(scope = "timeav", name = "reset", description = "Restarts one TIMEAV device (or --all) with its latest expression")
@Service
public class ResetCommand implements Action {

    @Reference
    private TimeavDevices control;

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
            System.out.println("restarted " + control.resetAll() + " devices");
            return null;
        }
        if (!control.reset(name)) {
            System.out.println("no TIMEAV device " + name + " (have " + control.names() + ")");
            return null;
        }
        System.out.println("restarted " + name);
        return null;
    }
}
