package org.syncscope.ptpcheck.command;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.camera.CameraException;
import org.syncscope.ptpcheck.CheckSettings;
import org.syncscope.ptpcheck.HostView;
import org.syncscope.ptpcheck.PtpCheck;
import org.syncscope.ptpcheck.Timestat;

/**
 * chktimestat as a command. Returns 0 when every camera is within the threshold in every sample,
 * 2 when any is over, 1 on a fatal error (host not the grandmaster, camera failure, timeout) — the
 * exit status over {@code ssh … ptp:timestat}. Only a host whose ports make it the grandmaster
 * passes: a faulty or listening port also has stepsRemoved 0 (see {@link HostView#notGrandmaster()}).
 */
@Command(scope = "ptp", name = "timestat", description = "Latches all cameras' clocks and reports each one's offset to the median")
@Service
public class TimestatCommand implements Action {

    @Reference
    private PtpCheck check;

    @Option(name = "--serials", description = "Comma-separated camera serials (default: configured, else all found, up to 8)")
    private String serials;

    @Option(name = "--iface", description = "Network interface, for the log only (as chktimestat)")
    private String iface;

    @Option(name = "--samples", description = "Number of samples (default 1)")
    private int samples = 1;

    @Option(name = "--interval-ms", description = "Pause between samples in ms (default 0)")
    private long intervalMs;

    @Option(name = "--threshold-ns", description = "Largest |delta to the median| that is OK (default: thresholdNs, 100 ms)")
    private Long thresholdNs;

    @Option(name = "--timeout-s", description = "Overall timeout in s (default: timestatTimeoutSeconds, 60)")
    private Long timeoutSeconds;

    @Option(name = "--assume-realtime-ptp", description = "Also print each camera's delta to this host's realtime clock")
    private boolean assumeRealtime;

    public TimestatCommand() {
    }

    /** As the shell injects it (for tests). */
    TimestatCommand(PtpCheck check) {
        this.check = check;
    }

    @Override
    public Object execute() throws Exception {
        PrintStream out = System.out;
        CheckSettings s = check.settings();
        if (s == null) {
            out.println("ERROR: configuration refused: " + check.refusal());
            return Timestat.FATAL;
        }
        if (!check.refusal().isEmpty()) {
            out.println("WARNING: " + check.refusal());
        }
        Timestat.Options options = new Timestat.Options(samples, intervalMs,
                thresholdNs == null ? s.thresholdNs() : thresholdNs,
                timeoutSeconds == null ? s.timestatTimeoutSeconds() : timeoutSeconds, assumeRealtime);
        List<String> wanted = serials == null ? s.serials() : CheckSettings.parseSerials(serials);
        CameraDriver driver = check.driver();   // once: the driver may be redeployed while we run
        if (driver == null) {
            out.println("ERROR: " + check.noDriver());
            return Timestat.FATAL;
        }
        HostView host = check.readHost();
        TimestatPrinter printer = new TimestatPrinter(out, assumeRealtime, samples == 1);
        printer.host(host);
        Optional<String> refused = host.notGrandmaster();
        if (refused.isPresent()) {
            out.println("ERROR: " + refused.get());
            return Timestat.FATAL;
        }
        try {
            Timestat.Result r = check.timestat(driver, wanted, options, sample -> {
                printer.sample(sample);
                out.flush();
            });
            printer.summary(r);
            return r.exitCode();
        } catch (CameraException | Timestat.FatalException e) {
            out.println("ERROR: " + e.getMessage());
            return Timestat.FATAL;
        }
    }
}
