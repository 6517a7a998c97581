package org.syncscope.timeav.command;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.syncscope.timeav.internal.TimeavControl;
import org.syncscope.timeav.internal.TimeavDevice;

/** Completes the output PV names of the running TIMEAV devices. */
@Service
public class DeviceNameCompleter implements Completer {

    @Reference
    private TimeavControl control;

    public DeviceNameCompleter() {
    }

    DeviceNameCompleter(TimeavControl control) {
        this.control = control;
    }

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        control.devices().stream().map(TimeavDevice::name).forEach(names.getStrings()::add);
        return names.complete(session, commandLine, candidates);
    }
}
