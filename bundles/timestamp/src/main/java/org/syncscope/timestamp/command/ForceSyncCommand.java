package org.syncscope.timestamp.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.syncscope.api.eventsystem.EventSystemException;
import org.syncscope.timestamp.TimestampConsole;

/** ErForceSync: asks the event generator for a counter-reset (sync) event now. */
@Command(scope = "ts", name = "force-sync", description = "Asks the event system for a sync event now")
@Service
public class ForceSyncCommand implements Action {

    @Reference
    private TimestampConsole timestamp;

    @Override
    public Object execute() throws Exception {
        try {
            timestamp.forceSync();
            System.out.println("sync requested");
        } catch (EventSystemException notPossible) {
            System.err.println(notPossible.getMessage());
        }
        return null;
    }
}
