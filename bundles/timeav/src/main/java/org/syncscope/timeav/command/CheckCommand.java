package org.syncscope.timeav.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.syncscope.timeav.TimeavDevices;

@Command(scope = "timeav", name = "check", description = "Parses a TIMEAV expression and says what a device on it will do, or exactly why it refuses it")
@Service
public class CheckCommand implements Action {

    @Reference
    private TimeavDevices devices;

    @Argument(name = "expression", required = true, description = "In quotes: \"M:BLOW | p,2000,true | p,10000,true | 0 | diff\"")
    private String expression;

    @Override
    public Object execute() {
        System.out.println(devices.check(expression));
        return null;
    }
}
