package org.syncscope.timestamp.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.syncscope.timestamp.internal.TimestampComponent;
import org.syncscope.timestamp.internal.net.MasterClient;
import org.syncscope.timestamp.internal.net.SlaveSync;

/** Asks the configured master for its time now and prints it with our offset to it. */
@Command(scope = "ts", name = "master-time", description = "Prints what the master says now, and our offset to it")
@Service
public class MasterTimeCommand implements Action {

    @Reference
    private TimestampComponent timestamp;

    @Override
    public Object execute() throws Exception {
        SlaveSync slave = timestamp.slave();
        if (slave == null) {
            System.err.println("this server is not a slave (master = false in etc/org.syncscope.timestamp.cfg)");
            return null;
        }
        MasterClient.Exchange e;
        try {
            e = slave.ask();
        } catch (java.io.IOException | org.syncscope.timestamp.internal.net.MalformedPacketException failed) {
            System.err.println("no answer from a master: " + failed.getMessage());
            return null;
        }
        System.out.printf("master time %s, last sync %s%s: offset %+.6f ms (master − us), round trip %.6f ms%n",
                TimeFormat.iso(e.reply().currentTimeNanos()),
                e.reply().masterTimeNanos() == 0 ? "never" : TimeFormat.iso(e.reply().masterTimeNanos()),
                e.reply().outOfSync() ? " (master OUT OF SYNC)" : "", e.offsetNanos() / 1e6, e.roundTripNanos() / 1e6);
        return null;
    }
}
