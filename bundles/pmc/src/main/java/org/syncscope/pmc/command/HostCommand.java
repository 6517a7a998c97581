package org.syncscope.pmc.command;

import java.io.PrintStream;
import java.lang.reflect.RecordComponent;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.CommandException;
import org.syncscope.api.ptp.HostPtpStatus;
import org.syncscope.api.ptp.PortDataSet;
import org.syncscope.api.ptp.PtpManagementException;
import org.syncscope.pmc.PmcAdapter;

/**
 * The host's PTP role as the site's tools print it, plus its ports; {@code --raw} prints one whole
 * data set, a field per line.
 */
@Command(scope = "ptp", name = "host", description = "Shows the host's PTP role and grandmaster, read from ptp4l")
@Service
public class HostCommand implements Action {

    @Reference
    private PmcAdapter pmc;

    @Option(name = "--raw", description = "Print one whole data set: " + "CURRENT_DATA_SET, DEFAULT_DATA_SET, "
            + "PARENT_DATA_SET, PORT_DATA_SET, TIME_STATUS_NP, GRANDMASTER_SETTINGS_NP")
    @Completion(value = StringsCompleter.class, values = {"CURRENT_DATA_SET", "DEFAULT_DATA_SET", "PARENT_DATA_SET",
        "PORT_DATA_SET", "TIME_STATUS_NP", "GRANDMASTER_SETTINGS_NP"})
    private String raw;

    @Override
    public Object execute() throws CommandException {
        try {
            return show();
        } catch (PtpManagementException e) {
            // ptp4l not answering is an operational state, not a bug: say it on the console only
            throw new CommandException("ptp4l: " + e.getMessage(), e);
        }
    }

    private Object show() throws PtpManagementException, CommandException {
        PrintStream out = System.out;
        if (!pmc.reading()) {
            out.println("ERROR: " + pmc.describe());
            return null;
        }
        if (raw != null) {
            Optional<RawDataSet> id = RawDataSet.byName(raw);
            if (id.isEmpty()) {
                throw new CommandException("unknown data set '" + raw + "'; one of " + RawDataSet.names());
            }
            printRaw(out, id.get());
            return null;
        }
        HostPtpStatus s = pmc.hostStatus();   // one reading: the ports below are from the same moment
        out.printf("Role=%s, stepsRemoved=%d, offsetFromMaster=%.1f, meanPathDelay=%.1f, GrandmasterClockID=%s%n",
                s.role().displayName(), s.current().stepsRemoved(), s.current().offsetFromMasterNs(),
                s.current().meanPathDelayNs(), s.grandmasterIdentity());
        for (PortDataSet p : s.ports()) {
            out.printf("port %s: %s%n", p.portIdentity(), p.portState());
        }
        if (!s.role().synchronised()) {
            out.println("WARNING: the host is neither grandmaster nor slave: " + s.role().meaning());
        }
        s.timeStatus().ifPresent(t -> out.printf("master_offset=%d ns, gmPresent=%s%n", t.masterOffsetNs(), t.gmPresent()));
        out.println("(" + pmc.describe() + ")");
        return null;
    }

    private void printRaw(PrintStream out, RawDataSet id) throws PtpManagementException {
        for (Record r : id.read(pmc)) {
            out.println(id);
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                Object v;
                try {
                    v = c.getAccessor().invoke(r);
                } catch (ReflectiveOperationException e) {
                    v = "?";
                }
                out.printf("  %-40s %s%n", c.getName(), v);
            }
        }
    }
}
