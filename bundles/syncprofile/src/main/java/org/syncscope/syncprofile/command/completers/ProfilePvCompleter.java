package org.syncscope.syncprofile.command.completers;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.syncscope.syncprofile.ProfileConfigurations;

/** Completes the input PV names of the configured sync profiles (the PVs this server already watches). */
@Service
public class ProfilePvCompleter implements Completer {

    @Reference
    ProfileConfigurations profiles;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter pvs = new StringsCompleter();
        profiles.all().forEach(p -> pvs.getStrings().addAll(p.pvs()));
        return pvs.complete(session, commandLine, candidates);
    }
}
