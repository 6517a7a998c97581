package org.syncscope.ptpcheck.command;

import java.io.PrintStream;
import java.math.BigDecimal;
import org.syncscope.ptpcheck.HostView;
import org.syncscope.ptpcheck.Timestat;

/** Prints ptp:timestat the way chktimestat printed it: ms on screen, ns underneath. */
public final class TimestatPrinter {

    private final PrintStream out;
    private final boolean assumeRealtime;
    private final boolean single;

    public TimestatPrinter(PrintStream out, boolean assumeRealtime, boolean singleSample) {
        this.out = out;
        this.assumeRealtime = assumeRealtime;
        this.single = singleSample;
    }

    public void host(HostView host) {
        out.printf("Ubuntu(host) PTP: role=%s, gmClockID=%s%n", host.roleName(),
                host.status().map(s -> s.grandmasterIdentity().toString()).orElse("unknown"));
    }

    public void sample(Timestat.Sample s) {
        out.printf("[Sample %d]%n", s.number());
        for (Timestat.Reading r : s.readings()) {
            out.printf("serial=%s, camera_time_ns=%d, delta_to_median_ms=%s, verdict=%s%s%n", r.serial(),
                    r.cameraTimeNs(), millis(r.deltaNs()), r.ok() ? "OK" : "NG",
                    assumeRealtime ? ", delta_to_host_realtime_ms=" + millis(r.hostDeltaNs()) : "");
        }
    }

    public void summary(Timestat.Result r) {
        if (single) {
            return;
        }
        out.println("=== Statistics ===");
        for (Timestat.CameraStats s : r.stats()) {
            out.printf("serial=%s, mean_delta_ns=%d, stddev_ns=%d, max_abs_delta_ns=%d, verdict=%s%n", s.serial(),
                    s.meanDeltaNs(), s.stddevNs(), s.maxAbsDeltaNs(), s.ok() ? "OK" : "NG");
        }
        out.printf("Max_abs_delta_ns=%d%n", r.maxAbsDeltaNs());
    }

    /** ns as ms with all six decimals, exact; a space where the minus sign would be, as chktimestat printed. */
    static String millis(long ns) {
        String text = BigDecimal.valueOf(ns, 6).toPlainString();
        return ns < 0 ? text : " " + text;
    }
}
