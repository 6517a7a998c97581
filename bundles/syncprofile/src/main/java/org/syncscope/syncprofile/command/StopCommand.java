package org.syncscope.syncprofile.command;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.syncscope.syncprofile.command.completers.ProfileNameCompleter;

/** Removes a sync profile by deleting its configuration and, for a .cfg profile, its file. */
@Command(scope = "syncprofile", name = "stop", description = "Removes a sync profile and its PVs")
@Service
public class StopCommand implements Action {

    /** File Install looks at etc/ every second. */
    static final long REMOVE_MILLIS = 5_000;

    @Reference
    ConfigurationAdmin configAdmin;

    @Argument(index = 0, name = "name", description = "Profile name", required = true)
    @Completion(ProfileNameCompleter.class)
    String name;

    @Override
    public Object execute() throws Exception {
        ProfileConfigs.requireName(name);
        List<Configuration> found = ProfileConfigs.named(configAdmin, name);
        if (found.isEmpty()) {
            throw new CommandException("no sync profile configuration named " + name
                    + "; syncprofile:list shows every one");
        }
        ProfileConfigs.remove(configAdmin, name, REMOVE_MILLIS);
        System.out.println("stopped sync profile " + name);
        return null;
    }
}
