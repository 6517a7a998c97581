package org.syncscope.ptpcheck;

import java.util.List;

/**
 * One {@code ptp:check} run: the cameras (empty: every one the driver finds, up to
 * {@link CheckSettings#MAX_CAMERAS}), how long to wait for convergence and how often to poll.
 */
public record CheckOptions(List<String> serials, long timeoutSeconds, int pollIntervalMs) {

    public CheckOptions {
        serials = List.copyOf(serials);
    }
}
