package org.syncscope.ptpcheck;

import java.util.List;

/**
 * What {@code ptp:check} found: each camera's PTP state, the host's, the verdict, and how long it waited.
 */
public record CheckResult(List<CameraStatus> cameras, HostView host, Convergence convergence, long waitedMillis) {
}
