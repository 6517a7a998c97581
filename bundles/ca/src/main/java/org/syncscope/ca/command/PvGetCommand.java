package org.syncscope.ca.command;

import java.time.Duration;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.syncscope.ca.CaSource;

/** Reads a PV once over Channel Access, like caget. */
@Command(scope = "pv", name = "get", description = "Reads a PV once over Channel Access (like caget -a)")
@Service
public class PvGetCommand implements Action {

    @Reference
    private CaSource source;

    @Argument(index = 0, name = "name", description = "PV name", required = true)
    private String name;

    @Option(name = "--timeout", aliases = "-w", description = "Seconds to wait for a server (default from org.syncscope.ca)")
    private double timeoutSeconds;

    @Override
    public Object execute() throws Exception {
        Duration timeout = timeoutSeconds > 0 ? Duration.ofNanos((long) (timeoutSeconds * 1e9)) : source.defaultGetTimeout();
        System.out.println(UpdateFormat.line(source.get(name, timeout)));
        return null;
    }
}
