package org.syncscope.eventsystem.mrf.command;

import java.time.Instant;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.syncscope.eventsystem.mrf.MrfEventState;
import org.syncscope.eventsystem.mrf.MrfReceiverState;
import org.syncscope.eventsystem.mrf.MrfReceivers;

/** Every MRF receiver configuration, running or refused, with how the receiver is and each followed event's counter. */
@Command(scope = "eventsystem", name = "mrf",
        description = "Lists the MRF event receivers: file, state, how the receiver is, each followed event's counter")
@Service
public class MrfCommand implements Action {

    @Reference
    private MrfReceivers receivers;

    @Override
    public Object execute() {
        List<MrfReceiverState> all = receivers.all();
        if (all.isEmpty()) {
            System.out.println("no MRF event receiver configured (etc/org.syncscope.eventsystem.mrf-NAME.cfg)");
            return null;
        }
        for (MrfReceiverState r : all) {
            System.out.println(r.origin() + " (name " + r.name() + "): " + r.state());
            if (!r.description().isEmpty()) {
                System.out.println("  " + r.description());
            }
            if (!r.lastSecond().isEmpty()) {
                System.out.println("  receiver time at the last seconds event (Time-I): " + r.lastSecond());
            }
            if (r.events().isEmpty()) {
                continue;
            }
            ShellTable table = new ShellTable();
            table.column("Code").alignRight();
            table.column("Counter PV");
            table.column("Counter").alignRight();
            table.column("Last hardware time");
            table.column("User tag").alignRight();
            table.column("Delivered").alignRight();
            table.column("Missed").alignRight();
            for (MrfEventState e : r.events()) {
                table.addRow().addContent(e.code(), e.counterPv() + (e.connected() ? "" : " (not connected)"),
                        e.counter() < 0 ? "-" : e.counter(), time(e.hardwareTimeNanos()), e.userTag(), e.delivered(),
                        e.missed());
            }
            table.print(System.out);
        }
        return null;
    }

    private static String time(long nanos) {
        return nanos == 0 ? "-" : Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                Math.floorMod(nanos, 1_000_000_000L)).toString();
    }
}
