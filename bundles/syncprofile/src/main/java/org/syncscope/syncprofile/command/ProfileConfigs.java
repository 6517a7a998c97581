package org.syncscope.syncprofile.command;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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
                Dictionary<String, Object> p = properties(c);
                if (p != null && name.equals(ProfileNames.of(asMap(p)))) {
                    found.add(c);
                }
            }
        }
        return found;
    }

    /**
     * Removes every configuration of the name. A profile from a .cfg file goes by deleting its file
     * and letting File Install delete the configuration: deleting it here while File Install still
     * handles the configuration's creation makes File Install log that the configuration is gone.
     * What File Install has not removed within {@code waitMillis} is deleted here.
     */
    static void remove(ConfigurationAdmin configAdmin, String name, long waitMillis)
            throws IOException, InterruptedException {
        boolean files = false;
        for (Configuration c : named(configAdmin, name)) {
            Path file = fileOf(c);
            if (file != null) {
                Files.deleteIfExists(file);
                files = true;
            }
        }
        long deadline = System.nanoTime() + waitMillis * 1_000_000;
        while (files && !named(configAdmin, name).isEmpty() && System.nanoTime() - deadline < 0) {
            Thread.sleep(50);
        }
        for (Configuration c : named(configAdmin, name)) {
            try {
                c.delete();
            } catch (IllegalStateException goneMeanwhile) {
                // File Install deleted it between our look and our delete
            }
            Path file = fileOf(c);
            if (file != null) {
                Files.deleteIfExists(file);   // else it would come back at the next start
            }
        }
    }

    private static Path fileOf(Configuration c) {
        Dictionary<String, Object> p = properties(c);
        Object file = p == null ? null : p.get("felix.fileinstall.filename");
        return file != null && file.toString().startsWith("file:") ? Paths.get(URI.create(file.toString())) : null;
    }

    /** The configuration's properties; null once it is deleted (by File Install, at any moment). */
    private static Dictionary<String, Object> properties(Configuration c) {
        try {
            return c.getProperties();
        } catch (IllegalStateException deleted) {
            return null;
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
