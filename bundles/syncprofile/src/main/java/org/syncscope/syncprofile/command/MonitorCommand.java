package org.syncscope.syncprofile.command;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The seed's one-liner ({@code python sync_profile_ioc.py PV1 PV2 PV3}): starts a profile on
 * these PVs by creating its factory configuration, so it behaves exactly like a .cfg profile.
 */
@Command(scope = "syncprofile", name = "monitor", description = "Starts an ad-hoc sync profile on the given PVs "
        + "(stop it with syncprofile:stop NAME)")
@Service
public class MonitorCommand implements Action {

    static final String FACTORY_PID = "org.syncscope.syncprofile";

    @Reference
    private ConfigurationAdmin configAdmin;

    @Argument(index = 0, name = "pvs", description = "Input PVs", required = true, multiValued = true)
    private List<String> pvs;

    @Option(name = "--name", description = "Profile name (default: adhoc-N)")
    private String name;

    @Option(name = "--window", description = "Samples in the rolling statistics")
    private int window = 100;

    @Option(name = "--prefix", description = "Prepended to every output PV name")
    private String prefix = "";

    @Option(name = "--timestamp", description = "source, receive or value")
    private String timestamp = "source";

    @Override
    public Object execute() throws Exception {
        if (pvs.size() < 1) {
            throw new IllegalArgumentException("give at least one PV");
        }
        String profile = name != null ? name : freeName();
        if (!profile.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("--name " + profile + ": use letters, digits, '.', '_' or '-' (it names "
                    + "the file etc/" + FACTORY_PID + "-NAME.cfg)");
        }
        Configuration[] existing = configAdmin.listConfigurations("(service.pid=" + FACTORY_PID + "~" + profile + ")");
        String etc = System.getProperty("karaf.etc");
        Path file = etc == null ? null : Paths.get(etc, FACTORY_PID + "-" + profile + ".cfg");
        if (existing != null || (file != null && Files.exists(file))) {
            throw new IllegalArgumentException("a sync profile named " + profile + " exists already");
        }
        if (file == null) {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("pvs", String.join(",", pvs));
            props.put("window", window);
            props.put("prefix", prefix);
            props.put("timestamp", timestamp);
            configAdmin.getFactoryConfiguration(FACTORY_PID, profile, "?").update(props);
        } else {
            // A file in etc/, as an operator would write it: an ad-hoc profile is site state like
            // any other, kept across rebuilds (which clear data/), and deleting the file removes it.
            // Written aside and moved in, so File Install never reads half a file.
            String text = "# started by syncprofile:monitor; syncprofile:stop " + profile + " or deleting this file "
                    + "removes it\npvs = " + String.join(", ", pvs) + "\nwindow = " + window + "\ntimestamp = "
                    + timestamp + "\nprefix = " + prefix + "\n";
            Path part = file.resolveSibling("." + file.getFileName() + ".part");
            Files.writeString(part, text, StandardCharsets.ISO_8859_1);
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
        }
        System.out.println("started sync profile " + profile + " on " + pvs + "; syncprofile:status " + profile
                + " shows it, syncprofile:stop " + profile + " removes it");
        return null;
    }

    private String freeName() throws Exception {
        for (int i = 1; ; i++) {
            String candidate = "adhoc-" + i;
            Configuration[] existing = configAdmin.listConfigurations("(service.pid=" + FACTORY_PID + "~" + candidate + ")");
            if (existing == null) {
                return candidate;
            }
        }
    }
}
