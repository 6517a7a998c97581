package org.syncscope.cas.command;

import java.util.Arrays;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.syncscope.api.pv.PvValue;
import org.syncscope.cas.CaServer;
import org.syncscope.cas.ServedPvInfo;
import org.syncscope.cas.ServerClients;

/** Lists the PVs this server publishes over Channel Access. */
@Command(scope = "pv", name = "list", description = "Lists the PVs published by Syncscope's Channel Access server")
@Service
public class PvListCommand implements Action {

    @Reference
    private CaServer server;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Type");
        table.column("Value");
        table.column("Severity");
        table.column("Subscribers").alignRight();
        table.column("Access");
        for (ServedPvInfo pv : server.served()) {
            table.addRow().addContent(pv.name(), pv.type(), text(pv.value()), pv.severity(), pv.monitors(),
                    pv.writable() ? "read/write" : "read");
        }
        table.print(System.out);
        System.out.println("Channel Access server: " + server.status());
        System.out.println(network(server));
        return null;
    }

    /** Client connections and what was refused from the network (malformed input, clients over a limit). */
    static String network(CaServer ca) {
        ServerClients clients = ca.clients();
        return "Clients: " + (clients == null ? "none (not serving)" : clients.open() + " of at most " + clients.max()
                + ", " + clients.timedOut() + " closed by timeout") + "; refused: TCP " + ca.refusedTcp()
                + ", UDP " + ca.refusedUdp();
    }

    static String text(PvValue value) {
        if (value == null) {
            return "(never posted)";
        }
        if (value instanceof PvValue.DoubleValue d) {
            return Double.toString(d.value());
        }
        if (value instanceof PvValue.LongValue l) {
            return Long.toString(l.value());
        }
        if (value instanceof PvValue.StringValue s) {
            return '"' + s.value() + '"';
        }
        if (value instanceof PvValue.EnumValue e) {
            return e.index() + (e.label().isEmpty() ? "" : " (" + e.label() + ")");
        }
        double[] a = ((PvValue.DoubleArrayValue) value).values();
        String head = Arrays.toString(Arrays.copyOf(a, Math.min(a.length, 5)));
        return a.length > 5 ? head.substring(0, head.length() - 1) + ", … " + a.length + " elements]" : head;
    }
}
