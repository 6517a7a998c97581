package org.syncscope.syncprofile.command;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.support.CommandException;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.syncscope.syncprofile.ProfileNames;

/**
 * The sync profile configurations of a name, found without putting the name into a filter: the
 * filter is fixed, the name is compared in Java exactly as the profile derives it.
 */
final class ProfileConfigs {

    private static final String ALL = "(service.factoryPid=" + ProfileNames.FACTORY_PID + ")";

    private ProfileConfigs() {
    }

    /** Throws, with the rule, when {@code name} cannot be a profile name. */
    static void requireName(String name) throws CommandException {
        String bad = ProfileNames.problem(name);
        if (bad != null) {
            throw new CommandException(bad);
        }
    }

    /** Every sync profile configuration that gives the profile this name. */
    static List<Configuration> named(ConfigurationAdmin configAdmin, String name) throws IOException {
        Configuration[] all;
        try {
            all = configAdmin.listConfigurations(ALL);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);   // a constant filter
        }
        List<Configuration> found = new ArrayList<>();
        if (all != null) {
            for (Configuration c : all) {
                Dictionary<String, Object> p = c.getProperties();
                if (p != null && name.equals(ProfileNames.of(asMap(p)))) {
                    found.add(c);
                }
            }
        }
        return found;
    }

    /** Deletes a configuration and, for a .cfg profile, its file (else it would come back at the next start). */
    static void delete(Configuration c) throws IOException {
        Dictionary<String, Object> p = c.getProperties();
        Object file = p == null ? null : p.get("felix.fileinstall.filename");
        c.delete();
        // File Install does not always delete the file of a configuration deleted in code.
        if (file != null && file.toString().startsWith("file:")) {
            Files.deleteIfExists(Paths.get(URI.create(file.toString())));
        }
    }

    static Map<String, Object> asMap(Dictionary<String, Object> d) {
        Map<String, Object> m = new java.util.HashMap<>();
        for (String k : Collections.list(d.keys())) {
            m.put(k, d.get(k));
        }
        return m;
    }
}
