package org.syncscope.syncprofile.command;

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
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("pvs", String.join(",", pvs));
        props.put("window", window);
        props.put("prefix", prefix);
        props.put("timestamp", timestamp);
        props.put("name", profile);
        // Saved as etc/org.syncscope.syncprofile-NAME.cfg (File Install writes a configuration that
        // names its file), so an ad-hoc profile is site state like any other: it survives a rebuild
        // that clears data/, and deleting the file removes it.
        String etc = System.getProperty("karaf.etc");
        if (etc != null) {
            props.put("felix.fileinstall.filename",
                    new java.io.File(etc, FACTORY_PID + "-" + profile + ".cfg").toURI().toString());
        }
        Configuration c = configAdmin.getFactoryConfiguration(FACTORY_PID, profile, "?");
        if (c.getProperties() != null) {
            throw new IllegalArgumentException("a sync profile named " + profile + " exists already");
        }
        c.update(props);
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
