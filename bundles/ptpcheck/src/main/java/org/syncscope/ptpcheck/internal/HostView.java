package org.syncscope.ptpcheck.internal;

import java.util.Optional;
import org.syncscope.api.ptp.HostPtpRole;
import org.syncscope.api.ptp.HostPtpReading;
import org.syncscope.api.ptp.HostPtpReadings;
import org.syncscope.api.ptp.HostPtpStatus;

/**
 * The host's PTP role as the pmc adapter read it from ptp4l, or why it could not be read.
 *
 * @param sequence the reading's number ({@link HostPtpReading#sequence()}), to wait for a newer one
 */
public record HostView(Optional<HostPtpStatus> status, String error, long sequence) {

    /** A reading made from now on (none older than this call). */
    public static HostView read(HostPtpReadings readings) {
        return readings == null ? after(null, 0) : after(readings, readings.latest().sequence());
    }

    /** The first reading newer than {@code sequence} (the one already judged). */
    public static HostView after(HostPtpReadings readings, long sequence) {
        if (readings == null) {
            return new HostView(Optional.empty(), "no PtpManagement service (install the syncscope-pmc feature)", 0);
        }
        try {
            HostPtpReading r = readings.after(sequence);
            return new HostView(r.status(), r.error(), r.sequence());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new HostView(Optional.empty(), "interrupted while waiting for the host PTP status", sequence);
        } catch (RuntimeException e) {
            return new HostView(Optional.empty(), String.valueOf(e.getMessage()), sequence);
        }
    }

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
                + Labels.EN.roleMeaning(r) + " (" + line() + ")");
    }
}
