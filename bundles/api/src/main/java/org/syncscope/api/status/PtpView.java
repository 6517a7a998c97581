package org.syncscope.api.status;

import java.util.List;

/**
 * The PTP check's monitor PVs ({@code PTP:CHECK:} by default): the verdict, the host's role and
 * each configured camera's state and delta to the median (ns).
 *
 * @param problem why the check cannot run (its configuration refused, no camera driver); else empty
 */
public record PtpView(String problem, PvValueView verdict, PvValueView hostRole, PvValueView maxAbsDelta,
                      List<CameraView> cameras) {

    public PtpView {
        cameras = List.copyOf(cameras);
    }

    /** One camera: its {@code {prefix}{serial}:Status} and {@code :Delta} PVs. */
    public record CameraView(String serial, PvValueView state, PvValueView delta) {
    }
}
