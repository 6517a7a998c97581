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
@Command(scope = "pv", name = "get", description = "Reads a PV once (like caget -a; pva://NAME over pvAccess, ca://NAME or NAME over Channel Access)")
@Service
public class PvGetCommand implements Action {

    @Reference
    private CaSource source;

    @Reference(optional = true, filter = "(protocol=pva)")
    private org.syncscope.api.pv.PvSource pva;

    @Argument(index = 0, name = "name", description = "PV name: NAME or ca://NAME (Channel Access), pva://NAME (pvAccess)", required = true)
    private String name;

    @Option(name = "--timeout", aliases = "-w", description = "Seconds to wait for a server (default from org.syncscope.ca)")
    private double timeoutSeconds;

    @Override
    public Object execute() throws Exception {
        Duration timeout = timeoutSeconds > 0 ? Duration.ofNanos((long) (timeoutSeconds * 1e9)) : source.defaultGetTimeout();
        Scheme scheme;
        try {
            scheme = Scheme.of(name, source, pva);
        } catch (IllegalArgumentException e) {
            throw new org.apache.karaf.shell.support.CommandException(e.getMessage());
        }
        System.out.println(UpdateFormat.line(scheme.source().get(scheme.name(), timeout)));
        return null;
    }
}
