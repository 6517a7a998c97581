package org.syncscope.timestamp.command;

import java.io.IOException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.syncscope.timestamp.MasterReading;
import org.syncscope.timestamp.TimestampConsole;

/** Asks the configured master for its time now and prints it with our offset to it. */
@Command(scope = "ts", name = "master-time", description = "Prints what the master says now, and our offset to it")
@Service
public class MasterTimeCommand implements Action {

    @Reference
    private TimestampConsole timestamp;

    @Override
    public Object execute() {
        MasterReading r;
        try {
            r = timestamp.askMaster();
        } catch (IllegalStateException notSlave) {
            System.err.println(notSlave.getMessage());
            return null;
        } catch (IOException failed) {
            System.err.println("no answer from a master: " + failed.getMessage());
            return null;
        }
        System.out.printf("master time %s, last sync %s%s: offset %+.6f ms (master − us), round trip %.6f ms%n",
                TimeFormat.iso(r.masterTimeNanos()), r.lastSyncNanos() == 0 ? "never" : TimeFormat.iso(r.lastSyncNanos()),
                r.outOfSync() ? " (master OUT OF SYNC)" : "", r.offsetNanos() / 1e6, r.roundTripNanos() / 1e6);
        return null;
    }
}
