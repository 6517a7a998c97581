package org.syncscope.syncprofile.command;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Dictionary;
import java.util.Hashtable;
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
import org.osgi.service.cm.ConfigurationAdmin;
import org.syncscope.syncprofile.ProfileConfigurations;
import org.syncscope.syncprofile.ProfileNames;
import org.syncscope.syncprofile.ProfileState;
import org.syncscope.syncprofile.command.completers.ProfilePvCompleter;

/**
 * The seed's one-liner ({@code python sync_profile_ioc.py PV1 PV2 PV3}): starts a profile on
 * these PVs by creating its factory configuration, so it behaves exactly like a .cfg profile,
 * then waits for the outcome. Its outputs are named NAME:PV… unless {@code --prefix} says
 * otherwise, so they never clash with another profile watching the same PVs. A refused profile
 * leaves no configuration behind.
 */
@Command(scope = "syncprofile", name = "monitor", description = "Starts an ad-hoc sync profile on the given PVs, "
        + "its outputs named NAME:PV... (stop it with syncprofile:stop NAME)")
@Service
public class MonitorCommand implements Action {

    /** How long the command waits for the profile to run or be refused. */
    static final long ANSWER_MILLIS = 15_000;

    @Reference
    ConfigurationAdmin configAdmin;

    @Reference
    ProfileConfigurations profiles;

    @Argument(index = 0, name = "pvs", description = "Input PVs", required = true, multiValued = true)
    @Completion(ProfilePvCompleter.class)
    List<String> pvs;

    @Option(name = "--name", description = "Profile name: letters, digits, '_' or '-' (default: adhoc-N)")
    String name;

    @Option(name = "--window", description = "Samples in the rolling statistics")
    int window = 100;

    @Option(name = "--prefix", description = "Prepended to every output PV name (default: NAME:, \"\" for none)")
    String prefix;

    @Option(name = "--timestamp", description = "source, receive or value")
    String timestamp = "source";

    @Override
    public Object execute() throws Exception {
        String profile = name != null ? name : freeName();
        ProfileConfigs.requireName(profile);
        String etc = System.getProperty("karaf.etc");
        Path file = etc == null ? null : Paths.get(etc, ProfileNames.FACTORY_PID + "-" + profile + ".cfg");
        if (!ProfileConfigs.named(configAdmin, profile).isEmpty() || (file != null && Files.exists(file))) {
            throw new CommandException("a sync profile named " + profile + " exists already; give another --name");
        }
        String outputs = prefix != null ? prefix.trim() : profile + ":";
        if (file == null) {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("pvs", String.join(",", pvs));
            props.put("window", window);
            props.put("prefix", outputs);
            props.put("timestamp", timestamp);
            configAdmin.getFactoryConfiguration(ProfileNames.FACTORY_PID, profile, "?").update(props);
        } else {
            // A file in etc/, as an operator would write it: an ad-hoc profile is site state like
            // any other, kept across rebuilds (which clear data/), and deleting the file removes it.
            // Written aside and moved in, so File Install never reads half a file.
            String text = "# started by syncprofile:monitor; syncprofile:stop " + profile + " or deleting this file "
                    + "removes it\npvs = " + String.join(", ", pvs) + "\nwindow = " + window + "\ntimestamp = "
                    + timestamp + "\nprefix = " + outputs + "\n";
            Path part = file.resolveSibling("." + file.getFileName() + ".part");
            Files.writeString(part, text, StandardCharsets.ISO_8859_1);
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
        }
        ProfileState outcome = awaitOutcome(profile);
        if (outcome == null) {
            throw new CommandException("sync profile " + profile + " did not start within " + ANSWER_MILLIS / 1000
                    + " s; its configuration stays: syncprofile:list shows its state, syncprofile:stop " + profile
                    + " removes it");
        }
        if (outcome.state() == ProfileState.State.REFUSED) {
            ProfileConfigs.remove(configAdmin, profile, StopCommand.REMOVE_MILLIS);
            if (file != null) {
                Files.deleteIfExists(file);
            }
            throw new CommandException("sync profile " + profile + " refused, nothing kept: " + outcome.reason());
        }
        System.out.println("started sync profile " + profile + " on " + pvs + ", outputs " + outputs + pvs.get(0)
                + ":AvgFreq ...; syncprofile:status " + profile + " shows it, syncprofile:stop " + profile
                + " removes it");
        return null;
    }

    /** The profile's state once it runs or is refused; null if neither happened in time. */
    private ProfileState awaitOutcome(String profile) throws InterruptedException {
        long deadline = System.nanoTime() + ANSWER_MILLIS * 1_000_000;
        while (true) {
            Optional<ProfileState> state = profiles.named(profile).stream()
                    .filter(s -> s.state() != ProfileState.State.STARTING).findFirst();
            if (state.isPresent()) {
                return state.get();
            }
            if (System.nanoTime() - deadline > 0) {
                return null;
            }
            Thread.sleep(50);
        }
    }

    private String freeName() throws Exception {
        for (int i = 1; ; i++) {
            String candidate = "adhoc-" + i;
            if (ProfileConfigs.named(configAdmin, candidate).isEmpty() && profiles.named(candidate).isEmpty()) {
                return candidate;
            }
        }
    }
}
