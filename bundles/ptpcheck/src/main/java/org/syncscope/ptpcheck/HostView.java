package org.syncscope.ptpcheck;

import java.util.Optional;
import org.syncscope.api.ptp.HostPtpRole;
import org.syncscope.api.ptp.HostPtpReading;
import org.syncscope.api.ptp.HostPtpStatus;

/**
 * The host's PTP role as the pmc adapter read it from ptp4l, or why it could not be read.
 *
 * @param sequence the reading's number ({@link HostPtpReading#sequence()}), to wait for a newer one
 */
public record HostView(Optional<HostPtpStatus> status, String error, long sequence) {

    /** The role ptp4l's port states give; empty when the host could not be read. */
    public Optional<HostPtpRole> role() {
        return status.map(HostPtpStatus::role);
    }

    public boolean isGrandmaster() {
        return role().orElse(null) == HostPtpRole.GRANDMASTER;
    }

    public boolean isSlave() {
        return role().orElse(null) == HostPtpRole.SLAVE;
    }

    /**
     * Read, and neither grandmaster nor slave (listening, faulty, passive, …): the host is part of the
     * PTP network yet takes no part in its time, so no verdict over that network can be good.
     */
    public boolean isUnsettled() {
        return role().map(r -> !r.synchronised()).orElse(false);
    }

    /** "Grandmaster", "Slave", "Listening", "Faulty", … or "Unknown" when the host could not be read. */
    public String roleName() {
        return role().map(HostPtpRole::displayName).orElse("Unknown");
    }

    /** The tools' host line: {@code Role=…, stepsRemoved=…, offsetFromMaster=…, meanPathDelay=…, GrandmasterClockID=…}. */
    public String line() {
        return status.map(s -> String.format("Role=%s, stepsRemoved=%d, offsetFromMaster=%.1f, meanPathDelay=%.1f, "
                        + "GrandmasterClockID=%s", roleName(), s.current().stepsRemoved(), s.current().offsetFromMasterNs(),
                s.current().meanPathDelayNs(), s.grandmasterIdentity()))
                .orElse("Role=Unknown (" + error + ")");
    }

    /**
     * Why ptp:timestat must not run on this host, which it compares the cameras against as their
     * grandmaster; empty only for a grandmaster.
     */
    public Optional<String> notGrandmaster() {
        if (status.isEmpty()) {
            return Optional.of("the host is not the PTP grandmaster: its PTP status cannot be read: " + error);
        }
        HostPtpRole r = status.get().role();
        if (r == HostPtpRole.GRANDMASTER) {
            return Optional.empty();
        }
        return Optional.of("the host is not the PTP grandmaster: role " + r.displayName() + ", "
                + r.meaning() + " (" + line() + ")");
    }
}
