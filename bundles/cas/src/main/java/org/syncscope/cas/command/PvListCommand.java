package org.syncscope.cas.command;

import java.io.PrintStream;
import java.util.Arrays;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.syncscope.api.pv.PvValue;
import org.syncscope.cas.CaServer;
import org.syncscope.cas.PvListing;
import org.syncscope.cas.ServedPvInfo;
import org.syncscope.cas.ServerClients;

/**
 * Lists the PVs this server publishes over Channel Access: those published, and the names of
 * catalogs (PVs made on demand), which may be millions, hence the pattern and the maximum.
 */
@Command(scope = "pv", name = "list", description = "Lists the PVs published by Syncscope's Channel Access server")
@Service
public class PvListCommand implements Action {

    /** Rows shown unless {@code --max} says otherwise: a table of a few thousand lines is already more than one reads. */
    static final int DEFAULT_MAX = 10_000;

    @Reference
    private CaServer server;

    @Argument(index = 0, name = "pattern", required = false,
            description = "Only names matching this glob: * any run of characters, ? one (quote it: 'DEMO:PV1_vs_*:AvgDiff'); ca:// is ignored, pva:// points to pva:list")
    private String pattern;

    @Option(name = "--max", description = "At most this many rows (default " + DEFAULT_MAX + ")")
    private int max = DEFAULT_MAX;

    @Override
    public Object execute() {
        print(server, pattern, max, System.out);
        return null;
    }

    /** What the command prints: the table of PVs matching {@code pattern} (at most {@code max}), then the server's state. */
    static void print(CaServer server, String pattern, int max, PrintStream out) {
        if (max < 0) {
            out.println("--max " + max + " must not be negative");
            return;
        }
        if (pattern != null && pattern.startsWith("pva://")) {
            out.println("pv:list lists Channel Access; over pvAccess: pva:list '" + pattern.substring("pva://".length()) + "'");
            return;
        }
        if (pattern != null && pattern.startsWith("ca://")) {
            pattern = pattern.substring("ca://".length());
        }
        PvListing listing = server.list(pattern, max);
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Type");
        table.column("Value");
        table.column("Severity");
        table.column("Subscribers").alignRight();
        table.column("Access");
        table.column("Served");
        for (ServedPvInfo pv : listing.pvs()) {
            table.addRow().addContent(pv.name(), pv.type(), text(pv.value()), pv.severity(), pv.monitors(),
                    pv.writable() ? "read/write" : "read", served(pv.kind()));
        }
        table.print(out);
        if (listing.matching() > listing.pvs().size()) {
            out.println((listing.matching() - listing.pvs().size()) + " more of " + listing.matching()
                    + " matching names not shown (--max " + max + "; narrow with a pattern, e.g. pv:list 'NAME:*')");
        }
        out.println("Channel Access server: " + server.status());
        out.println(network(server));
    }

    /** Client connections and what was refused from the network (malformed input, clients over a limit). */
    static String network(CaServer ca) {
        ServerClients clients = ca.clients();
        return "Clients: " + (clients == null ? "none (not serving)" : clients.open() + " of at most " + clients.max()
                + ", " + clients.timedOut() + " closed by timeout") + "; refused: TCP " + ca.refusedTcp()
                + ", UDP " + ca.refusedUdp();
    }

    static String served(ServedPvInfo.Kind kind) {
        switch (kind) {
            case ON_DEMAND_OPEN:
                return "on demand, open";
            case ON_DEMAND:
                return "on demand";
            default:
                return "published";
        }
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
