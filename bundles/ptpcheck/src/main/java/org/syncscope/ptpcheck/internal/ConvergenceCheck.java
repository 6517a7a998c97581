package org.syncscope.ptpcheck.internal;

import java.util.ArrayList;
import java.util.List;
import org.syncscope.api.camera.Camera;
import org.syncscope.api.camera.CameraException;
import org.syncscope.api.camera.CameraPtpState;
import org.syncscope.api.camera.PtpNode;
import org.syncscope.api.ptp.HostPtpReadings;
import org.syncscope.ptpcheck.CameraStatus;
import org.syncscope.ptpcheck.CheckResult;
import org.syncscope.ptpcheck.Convergence;
import org.syncscope.ptpcheck.HostView;

/**
 * ptp_sync_check: enable PTP on every camera, then poll every camera's state until converged
 * (see {@link Convergence}) or the timeout. The host's status comes from the pmc adapter's readings:
 * one made from the start of the check, a newer one at each poll while it is read as neither
 * grandmaster nor slave (a ptp4l just restarted is Listening for a few seconds), and a newer one
 * at the end; an unsettled host never counts as converged.
 */
public final class ConvergenceCheck {

    private final Ticker ticker;

    public ConvergenceCheck(Ticker ticker) {
        this.ticker = ticker;
    }

    public CheckResult run(List<Camera> cameras, HostPtpReadings ptp, long timeoutMillis, long pollMillis)
            throws InterruptedException {
        List<CameraStatus> status = new ArrayList<>();
        for (int i = 0; i < cameras.size(); i++) {
            Camera c = cameras.get(i);
            PtpNode node;
            String error = "";
            try {
                node = c.enablePtp();
            } catch (CameraException e) {
                node = PtpNode.NOT_AVAILABLE;
                error = e.getMessage();
            }
            status.add(new CameraStatus(i, c.info(), node, CameraPtpState.UNKNOWN, error));
        }
        HostView host = HostReads.read(ptp);
        long start = ticker.nanoTime();
        long deadline = start + timeoutMillis * 1_000_000L;
        Convergence verdict;
        while (true) {
            poll(cameras, status);
            if (host.isUnsettled()) {
                host = HostReads.after(ptp, host.sequence());
            }
            verdict = Convergence.of(host, status);
            if (verdict.converged() || ticker.nanoTime() - deadline >= 0) {
                break;
            }
            ticker.sleepMillis(pollMillis);
        }
        HostView finalHost = HostReads.after(ptp, host.sequence());
        verdict = Convergence.of(finalHost, status);
        return new CheckResult(List.copyOf(status), finalHost, verdict, (ticker.nanoTime() - start) / 1_000_000L);
    }

    private static void poll(List<Camera> cameras, List<CameraStatus> status) {
        for (int i = 0; i < cameras.size(); i++) {
            CameraStatus s = status.get(i);
            if (!s.hasPtp()) {
                continue;
            }
            try {
                status.set(i, s.withState(cameras.get(i).ptpState(), ""));
            } catch (CameraException e) {
                status.set(i, s.withState(CameraPtpState.UNKNOWN, e.getMessage()));
            }
        }
    }
}
