package org.syncscope.timeav.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.syncscope.timeav.internal.TimeavControl;
import org.syncscope.timeav.internal.TimeavDevice;

@Command(scope = "timeav", name = "list", description = "Lists the TIMEAV devices: output PV, expression, status")
@Service
public class ListCommand implements Action {

    @Reference
    private TimeavControl control;

    @Override
    public Object execute() {
        for (TimeavDevice d : control.devices()) {
            System.out.printf("%s%n  expression: %s%n  status:     %s%n", d.name(), d.expression(), d.statusText());
        }
        return null;
    }
}
