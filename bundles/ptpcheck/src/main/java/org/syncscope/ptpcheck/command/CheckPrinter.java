package org.syncscope.ptpcheck.command;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.syncscope.api.camera.CameraInfo;
import org.syncscope.ptpcheck.CameraStatus;
import org.syncscope.ptpcheck.CheckResult;
import org.syncscope.ptpcheck.Convergence;

/** Prints ptp:check the way the site's ptp_sync_check printed it. */
public final class CheckPrinter {

    private final PrintStream out;
    private final Labels labels;

    public CheckPrinter(PrintStream out, Labels labels) {
        this.out = out;
        this.labels = labels;
    }

    /** The camera list and the waiting line, before polling starts. */
    public void cameras(List<CameraInfo> cameras, long timeoutSeconds) {
        out.println(labels.cameras);
        for (int i = 0; i < cameras.size(); i++) {
            CameraInfo c = cameras.get(i);
            out.printf("[%d] %s (%s)%s%n", i, c.model(), c.serial(),
                    c.interfaceName().isEmpty() ? "" : " [" + c.interfaceName() + "]");
        }
        out.println();
        out.printf(labels.waiting + "%n", timeoutSeconds);
        out.println();
    }

    public void result(CheckResult r) {
        out.println(labels.host);
        out.println(r.host().line());
        out.println();
        out.println(labels.cameraStatus);
        for (CameraStatus c : r.cameras()) {
            out.printf("[%d] %s: PTP=%s, Status=%s%s%n", c.index(), c.info().serial(), c.hasPtp() ? "Enabled" : "N/A",
                    c.state().genicamName(), c.error().isEmpty() ? "" : " (" + c.error() + ")");
        }
        out.println();
        out.println(labels.verdict);
        Convergence v = r.convergence();
        String summary = labels.hostName + "=" + r.host().roleName() + ", Cameras=" + cameraSummary(r.cameras());
        if (v.converged()) {
            out.println(labels.ok + ": " + summary);
        } else {
            out.printf("%s: %s (Masters=%d, Slaves=%d, after %.1f s)%n", labels.notOk, summary, v.masters(), v.slaves(),
                    r.waitedMillis() / 1000.0);
            for (String hint : labels.hints(v, r.host())) {
                out.println("  - " + hint);
            }
        }
    }

    /** "Slave" when all agree, else "Slave×3, Master×1, N/A×1". */
    public static String cameraSummary(List<CameraStatus> cameras) {
        Map<String, Long> counts = cameras.stream()
                .collect(Collectors.groupingBy(c -> c.hasPtp() ? c.state().genicamName() : "N/A", LinkedHashMap::new,
                        Collectors.counting()));
        if (counts.size() == 1) {
            return counts.keySet().iterator().next();
        }
        return counts.entrySet().stream().map(e -> e.getKey() + "×" + e.getValue()).collect(Collectors.joining(", "));
    }
}
