package org.syncscope.syncprofile.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.syncscope.syncprofile.internal.ProfileRegistry;
import org.syncscope.syncprofile.internal.ProfileSettings;
import org.syncscope.syncprofile.internal.SyncProfile;

/** Lists the running sync profiles. */
@Command(scope = "syncprofile", name = "list", description = "Lists the running sync profiles")
@Service
public class ListCommand implements Action {

    @Reference
    private ProfileRegistry registry;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("PVs").alignRight();
        table.column("Pairs").alignRight();
        table.column("Window").alignRight();
        table.column("Timestamp");
        table.column("Prefix");
        table.column("Publish Hz").alignRight();
        table.column("Queue").alignRight();
        table.column("Dropped").alignRight();
        for (SyncProfile p : registry.all()) {
            ProfileSettings s = p.settings();
            int n = s.pvs().size();
            table.addRow().addContent(p.name(), n, n * (n - 1) / 2, s.window(), s.mode().name().toLowerCase(),
                    s.prefix(), s.publishRateHz() == 0 ? "every update" : s.publishRateHz(), p.pendingUpdates() + "/" + p.queueCapacity(), p.droppedUpdates());
        }
        table.print(System.out);
        new java.util.TreeMap<>(registry.refusals()).forEach((name, why) ->
                System.out.println("REFUSED " + name + ": " + why));
        return null;
    }
}
