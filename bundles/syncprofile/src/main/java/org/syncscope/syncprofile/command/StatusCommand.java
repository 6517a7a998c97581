package org.syncscope.syncprofile.command;

import java.util.List;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;
import org.syncscope.syncprofile.ProfileConfigurations;
import org.syncscope.syncprofile.ProfileState;
import org.syncscope.syncprofile.ProfileStatus;
import org.syncscope.syncprofile.command.completers.ProfileNameCompleter;

/** Shows a profile's live statistics (a table of PVs and a table of pairs), or why it is refused. */
@Command(scope = "syncprofile", name = "status", description = "Shows the statistics of one sync profile, or of all")
@Service
public class StatusCommand implements Action {

    @Reference
    ProfileConfigurations profiles;

    @Argument(index = 0, name = "name", description = "Profile name (default: every profile)")
    @Completion(ProfileNameCompleter.class)
    String name;

    @Option(name = "--pairs", description = "Pairs to show at most, in pair order (default 1000; 0: all). The worst "
            + "pairs of a big profile are in its SYNCPROFILE:NAME:WorstAvgPair1.. and WorstStdPair1.. PVs")
    int maxPairs = DEFAULT_MAX_PAIRS;

    static final int DEFAULT_MAX_PAIRS = 1_000;

    @Override
    public Object execute() throws Exception {
        List<ProfileState> states;
        if (name == null) {
            states = profiles.all();
        } else {
            ProfileConfigs.requireName(name);
            states = profiles.named(name);
            if (states.isEmpty()) {
                throw new CommandException("no sync profile named " + name + "; syncprofile:list shows every one");
            }
        }
        for (ProfileState state : states) {
            Optional<ProfileStatus> running = state.state() == ProfileState.State.RUNNING
                    ? profiles.status(state.name()) : Optional.empty();
            if (running.isPresent()) {
                print(running.get(), maxPairs);
                if (!state.reason().isEmpty()) {
                    System.out.println(state.reason());
                }
            } else {
                System.out.println("Profile " + state.name() + " (" + state.origin() + "): " + state.state()
                        + (state.reason().isEmpty() ? "" : ": " + state.reason()));
            }
        }
        return null;
    }

    private static void print(ProfileStatus s, int maxPairs) {
        System.out.println("Profile " + s.name() + " (window " + s.window() + ", timestamp " + s.timestamp() + ")");
        System.out.println("Queue " + s.queued() + " of " + s.queueCapacity() + ", dropped " + s.dropped()
                + (s.hasSource() ? "" : ", NO PV SOURCE (waiting for one)")
                + (s.hasPublisher() ? "" : ", NO PUBLISHER (outputs not served until one returns)"));
        ShellTable pvs = new ShellTable();
        for (String c : new String[] {"PV", "Connected", "Updates", "Samples", "Rejected", "Instant Hz", "Avg Hz",
                "Min Hz", "Max Hz", "Std Hz"}) {
            pvs.column(c);
        }
        for (ProfileStatus.Input i : s.inputs()) {
            pvs.addRow().addContent(i.name(), i.connected() ? "yes" : "NO", i.updates(), i.samples(), i.rejected(),
                    f(i.instantHz(), 3), f(i.avgHz(), 3), f(i.minHz(), 3), f(i.maxHz(), 3), f(i.stdHz(), 4));
        }
        pvs.print(System.out);
        if (!s.pairs().isEmpty()) {
            ShellTable pairs = new ShellTable();
            for (String c : new String[] {"Pair", "Valid", "Samples", "Current s", "Avg s", "Min s", "Max s", "Std s"}) {
                pairs.column(c);
            }
            int shown = maxPairs <= 0 ? s.pairs().size() : Math.min(maxPairs, s.pairs().size());
            for (ProfileStatus.Pair p : s.pairs().subList(0, shown)) {
                pairs.addRow().addContent(p.name(), p.valid() ? "yes" : "NO", p.samples(), f(p.current(), 6),
                        f(p.avg(), 6), f(p.min(), 6), f(p.max(), 6), f(p.std(), 6));
            }
            pairs.print(System.out);
            if (shown < s.pairs().size()) {
                System.out.println("… and " + (s.pairs().size() - shown) + " more pairs (--pairs 0 shows all; the worst: "
                        + "caget SYNCPROFILE:" + s.name() + ":WorstAvgPair1, WorstStdPair1, …)");
            }
        }
    }

    private static String f(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format("%." + decimals + "f", v);
    }
}
