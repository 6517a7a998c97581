package org.syncscope.syncprofile.command.completers;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.syncscope.syncprofile.ProfileConfigurations;
import org.syncscope.syncprofile.ProfileState;

/** Completes the names of sync profiles, refused ones included (they too can be shown and stopped). */
@Service
public class ProfileNameCompleter implements Completer {

    @Reference
    ProfileConfigurations profiles;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        profiles.all().stream().map(ProfileState::name).forEach(names.getStrings()::add);
        return names.complete(session, commandLine, candidates);
    }
}
