package org.syncscope.ptpcheck.command;

import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.camera.CameraException;
import org.syncscope.ptpcheck.CheckOptions;
import org.syncscope.ptpcheck.CheckResult;
import org.syncscope.ptpcheck.CheckSettings;
import org.syncscope.ptpcheck.PtpCheck;

/**
 * ptp_sync_check as a command: enable PTP on the cameras, wait for convergence, print host,
 * cameras and verdict. Returns 0 converged, 2 not converged, 1 fatal (the exit status over
 * {@code ssh … ptp:check}).
 */
@Command(scope = "ptp", name = "check", description = "Enables PTP on the cameras, waits for convergence and judges it")
@Service
public class CheckCommand implements Action {

    @Reference
    private PtpCheck check;

    @Option(name = "--lang", description = "en (default) or ja: the labels of the original tool")
    @Completion(value = StringsCompleter.class, values = {"en", "ja"})
    private String lang = "en";

    @Option(name = "--serials", description = "Comma-separated camera serials (default: configured, else all found, up to 8)")
    private String serials;

    @Option(name = "--timeout-s", description = "Convergence timeout in seconds (default: convergenceTimeoutSeconds)")
    private Integer timeoutSeconds;

    public CheckCommand() {
    }

    /** As the shell injects it (for tests). */
    CheckCommand(PtpCheck check) {
        this.check = check;
    }

    @Override
    public Object execute() throws Exception {
        PrintStream out = System.out;
        Labels labels = Labels.of(lang);
        CheckSettings s = check.settings();
        if (s == null) {
            out.println("ERROR: configuration refused: " + check.refusal());
            return 1;
        }
        if (!check.refusal().isEmpty()) {
            out.println("WARNING: " + check.refusal());
        }
        CameraDriver driver = check.driver();   // once: the driver may be redeployed while we run
        if (driver == null) {
            out.println("ERROR: " + check.noDriver());
            return 1;
        }
        List<String> wanted = serials == null ? s.serials() : CheckSettings.parseSerials(serials);
        long timeout = timeoutSeconds == null ? s.convergenceTimeoutSeconds() : timeoutSeconds;
        if (timeout < 1) {
            throw new CommandException("--timeout-s " + timeout + ": at least 1");
        }
        CheckPrinter printer = new CheckPrinter(out, labels);
        try {
            CheckOptions options = new CheckOptions(wanted, timeout, s.pollIntervalMs());
            CheckResult r = check.check(driver, options, (found, opened) -> {
                if (found > opened.size()) {
                    out.printf("(%d cameras found; checking the first %d)%n", found, opened.size());
                }
                printer.cameras(opened, timeout);
                out.flush();
            });
            printer.result(r);
            return r.convergence().converged() ? 0 : 2;
        } catch (CameraException e) {
            out.println("ERROR: " + e.getMessage());
            return 1;
        }
    }
}
