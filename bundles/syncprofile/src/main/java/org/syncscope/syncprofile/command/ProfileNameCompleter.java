package org.syncscope.syncprofile.command;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.syncscope.syncprofile.internal.ProfileRegistry;
import org.syncscope.syncprofile.internal.SyncProfile;

/** Completes running profile names. */
@Service
public class ProfileNameCompleter implements Completer {

    @Reference
    private ProfileRegistry registry;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        registry.all().stream().map(SyncProfile::name).forEach(names.getStrings()::add);
        return names.complete(session, commandLine, candidates);
    }
}
