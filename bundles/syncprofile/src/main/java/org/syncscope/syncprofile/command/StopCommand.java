package org.syncscope.syncprofile.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Removes a sync profile by deleting its configuration and, for a .cfg profile, its file. */
@Command(scope = "syncprofile", name = "stop", description = "Removes a sync profile and its PVs")
@Service
public class StopCommand implements Action {

    @Reference
    private ConfigurationAdmin configAdmin;

    @Argument(index = 0, name = "name", description = "Profile name", required = true)
    @Completion(ProfileNameCompleter.class)
    private String name;

    @Override
    public Object execute() throws Exception {
        Configuration[] found = configAdmin.listConfigurations("(|(service.pid=" + MonitorCommand.FACTORY_PID + "~" + name
                + ")(&(service.factoryPid=" + MonitorCommand.FACTORY_PID + ")(name=" + name + ")))");
        if (found == null) {
            throw new IllegalArgumentException("no sync profile configuration named " + name);
        }
        for (Configuration c : found) {
            Object file = c.getProperties() == null ? null : c.getProperties().get("felix.fileinstall.filename");
            c.delete();
            // File Install does not always delete the file of a configuration deleted in code; a file
            // left behind would bring the profile back at the next start.
            if (file != null && file.toString().startsWith("file:")) {
                java.nio.file.Files.deleteIfExists(java.nio.file.Paths.get(java.net.URI.create(file.toString())));
            }
        }
        System.out.println("stopped sync profile " + name);
        return null;
    }
}
