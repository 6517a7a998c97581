package org.syncscope.timestamp.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.syncscope.timestamp.TimestampConsole;

/** TSdriverDebug: 0 quiet, 1 log syncs, 2 log every event. Until restart; set debug in the .cfg to keep it. */
@Command(scope = "ts", name = "debug", description = "Sets the timestamp driver's debug level (0 quiet, 1 syncs, 2 every event)")
@Service
public class DebugCommand implements Action {

    @Reference
    private TimestampConsole timestamp;

    @Argument(index = 0, name = "level", required = true, description = "0, 1 or 2")
    private int level;

    @Override
    public Object execute() {
        if (level < 0) {
            System.err.println("debug level must be 0 or more, got " + level);
            return null;
        }
        timestamp.setDebug(level);
        System.out.println("timestamp driver debug level " + level + " (until restart; set debug in etc/org.syncscope.timestamp.cfg to keep it)");
        return null;
    }
}
