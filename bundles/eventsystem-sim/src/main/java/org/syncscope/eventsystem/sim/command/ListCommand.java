package org.syncscope.eventsystem.sim.command;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.syncscope.eventsystem.sim.SimEventSystems;
import org.syncscope.eventsystem.sim.SimState;

/** Every simulated event system configuration, running or refused, with why. */
@Command(scope = "eventsystem", name = "list", description = "Lists the simulated event systems: file, name, state")
@Service
public class ListCommand implements Action {

    @Reference
    private SimEventSystems instances;

    @Override
    public Object execute() {
        List<SimState> all = instances.all();
        if (all.isEmpty()) {
            System.out.println("no simulated event system configured (etc/org.syncscope.eventsystem.sim-NAME.cfg)");
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("File");
        table.column("Name");
        table.column("State").maxSize(120).wrap();
        all.forEach(i -> table.addRow().addContent(i.origin(), i.name(), i.state()));
        table.print(System.out);
        return null;
    }
}
