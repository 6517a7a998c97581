package org.syncscope.syncprofile.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.syncscope.syncprofile.ProfileConfigurations;
import org.syncscope.syncprofile.ProfileState;
import org.syncscope.syncprofile.internal.ProfileRegistry;
import org.syncscope.syncprofile.internal.ProfileSettings;
import org.syncscope.syncprofile.internal.SyncProfile;

/** Lists every sync profile configuration: running ones with their settings, refused ones with why. */
@Command(scope = "syncprofile", name = "list", description = "Lists every sync profile configuration, running "
        + "or refused (and why)")
@Service
public class ListCommand implements Action {

    @Reference
    ProfileConfigurations profiles;

    @Reference
    ProfileRegistry registry;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        for (String c : new String[] {"Name", "State", "PVs", "Pairs", "Window", "Timestamp", "Prefix", "Publish Hz",
                "Queue", "Dropped"}) {
            table.column(c);
        }
        List<String> reasons = new ArrayList<>();
        for (ProfileState state : profiles.all()) {
            Optional<SyncProfile> running = state.state() == ProfileState.State.RUNNING
                    ? registry.get(state.name()) : Optional.empty();
            if (running.isPresent()) {
                SyncProfile p = running.get();
                ProfileSettings s = p.settings();
                table.addRow().addContent(p.name(), "running", s.pvs().size(), s.pairCount(), s.window(),
                        s.mode().name().toLowerCase(), s.prefix(),
                        s.publishRateHz() == 0 ? "every update" : s.publishRateHz(),
                        p.pendingUpdates() + "/" + p.queueCapacity(), p.droppedUpdates());
            } else {
                int n = state.pvs().size();
                String shown = state.state() == ProfileState.State.REFUSED ? "REFUSED" : "starting";
                table.addRow().addContent(state.name(), shown, n, n * (n - 1) / 2, "-", "-", "-", "-",
                        "-", "-");
            }
            if (!state.reason().isEmpty()) {
                reasons.add(state.name() + " (" + state.origin() + "): " + state.reason());
            }
        }
        table.print(System.out);
        reasons.forEach(System.out::println);
        return null;
    }
}
