package org.syncscope.ptpcheck.internal;

import java.util.Optional;
import org.syncscope.api.ptp.HostPtpReading;
import org.syncscope.api.ptp.HostPtpReadings;
import org.syncscope.ptpcheck.HostView;

/** The host's PTP status taken from the pmc adapter's readings, as a {@link HostView}. */
final class HostReads {

    private HostReads() {
    }

    /** A reading made from now on (none older than this call). */
    static HostView read(HostPtpReadings readings) {
        return readings == null ? after(null, 0) : after(readings, readings.latest().sequence());
    }

    /** The first reading newer than {@code sequence} (the one already judged). */
    static HostView after(HostPtpReadings readings, long sequence) {
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
}
