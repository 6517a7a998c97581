package org.syncscope.timeav.command;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.syncscope.timeav.TimeavDevices;

/** Completes the output PV names of the running TIMEAV devices. */
@Service
public class DeviceNameCompleter implements Completer {

    @Reference
    private TimeavDevices control;

    public DeviceNameCompleter() {
    }

    DeviceNameCompleter(TimeavDevices control) {
        this.control = control;
    }

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        names.getStrings().addAll(control.names());
        return names.complete(session, commandLine, candidates);
    }
}
