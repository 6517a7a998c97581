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
import org.syncscope.syncprofile.ProfileSummary;

/** Lists every sync profile configuration: running ones with their settings, refused ones with why. */
@Command(scope = "syncprofile", name = "list", description = "Lists every sync profile configuration, running "
        + "or refused (and why)")
@Service
public class ListCommand implements Action {

    @Reference
    ProfileConfigurations profiles;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        for (String c : new String[] {"Name", "State", "PVs", "Pairs", "Window", "Timestamp", "Prefix", "Publish Hz",
                "Queue", "Dropped"}) {
            table.column(c);
        }
        List<String> reasons = new ArrayList<>();
        for (ProfileState state : profiles.all()) {
            Optional<ProfileSummary> running = state.state() == ProfileState.State.RUNNING
                    ? profiles.summary(state.name()) : Optional.empty();
            if (running.isPresent()) {
                ProfileSummary p = running.get();
                table.addRow().addContent(p.name(), "running", p.pvs(), p.pairs() + " (" + p.pairing() + ")",
                        p.window(), p.timestamp(),
                        p.prefix(), p.publishRateHz() == 0 ? "every update" : p.publishRateHz(),
                        p.queued() + "/" + p.queueCapacity(), p.dropped());
            } else {
                // the pairs are known once the configuration is accepted (pairs may not be all)
                String shown = state.state() == ProfileState.State.REFUSED ? "REFUSED" : "starting";
                table.addRow().addContent(state.name(), shown, state.pvs().size(), "-", "-", "-", "-", "-",
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
