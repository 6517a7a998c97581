package org.syncscope.ptpcheck.internal;

import java.util.List;
import org.syncscope.ptpcheck.CheckSettings;

/** The PTP check's configuration, checked: each bad value named with what is allowed. */
final class SettingsCheck {

    private SettingsCheck() {
    }

    static CheckSettings of(PtpCheckConfig c) {
        List<String> serials = CheckSettings.parseSerials(c.serials());
        if (c.convergenceTimeoutSeconds() < 1 || c.convergenceTimeoutSeconds() > 3600) {
            throw new IllegalArgumentException("convergenceTimeoutSeconds " + c.convergenceTimeoutSeconds()
                    + " is outside 1..3600");
        }
        if (c.pollIntervalMs() < 10 || c.pollIntervalMs() > 60_000) {
            throw new IllegalArgumentException("pollIntervalMs " + c.pollIntervalMs() + " is outside 10..60000");
        }
        if (c.thresholdNs() < 0) {
            throw new IllegalArgumentException("thresholdNs " + c.thresholdNs() + " is negative");
        }
        if (c.timestatTimeoutSeconds() < 1) {
            throw new IllegalArgumentException("timestatTimeoutSeconds " + c.timestatTimeoutSeconds() + " is below 1");
        }
        if (c.monitorPeriodSeconds() < 0 || c.monitorPeriodSeconds() > 86_400) {
            throw new IllegalArgumentException("monitorPeriodSeconds " + c.monitorPeriodSeconds() + " is outside 0..86400");
        }
        return new CheckSettings(c.camera_target(), serials, c.convergenceTimeoutSeconds(), c.pollIntervalMs(),
                c.thresholdNs(), c.timestatTimeoutSeconds(), c.monitorPeriodSeconds(), c.pvPrefix().trim());
    }
}
