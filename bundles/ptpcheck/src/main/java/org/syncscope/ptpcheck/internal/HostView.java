package org.syncscope.ptpcheck.internal;

import java.util.Optional;
import org.syncscope.api.ptp.HostPtpRole;
import org.syncscope.api.ptp.HostPtpStatus;
import org.syncscope.api.ptp.PtpManagement;
import org.syncscope.api.ptp.PtpManagementException;

/** The host's PTP role as read from ptp4l, or why it could not be read. */
public record HostView(Optional<HostPtpStatus> status, String error) {

    public static HostView read(PtpManagement ptp) {
        if (ptp == null) {
            return new HostView(Optional.empty(), "no PtpManagement service (install the syncscope-pmc feature)");
        }
        try {
            return new HostView(Optional.of(ptp.hostStatus()), "");
        } catch (PtpManagementException | RuntimeException e) {
            return new HostView(Optional.empty(), String.valueOf(e.getMessage()));
        }
    }

    public boolean isGrandmaster() {
        return status.map(s -> s.role() == HostPtpRole.GRANDMASTER).orElse(false);
    }

    public boolean isSlave() {
        return status.map(s -> s.role() == HostPtpRole.SLAVE).orElse(false);
    }

    /** "Grandmaster", "Slave" or "Unknown", as the tools print it. */
    public String roleName() {
        return isGrandmaster() ? "Grandmaster" : isSlave() ? "Slave" : "Unknown";
    }

    /** The tools' host line: {@code Role=…, stepsRemoved=…, offsetFromMaster=…, meanPathDelay=…, GrandmasterClockID=…}. */
    public String line() {
        return status.map(s -> String.format("Role=%s, stepsRemoved=%d, offsetFromMaster=%.1f, meanPathDelay=%.1f, "
                        + "GrandmasterClockID=%s", roleName(), s.current().stepsRemoved(), s.current().offsetFromMasterNs(),
                s.current().meanPathDelayNs(), s.grandmasterIdentity()))
                .orElse("Role=Unknown (" + error + ")");
    }
}
