package org.syncscope.api.ptp;

import java.util.Objects;
import java.util.Optional;

/**
 * One reading of the host's PTP status by the one poller of ptp4l (the pmc adapter), successful or
 * not.
 *
 * @param sequence  1 for the provider's first reading, then one more for each; 0: nothing read yet
 * @param timeNanos when the reading completed (or failed), Unix epoch nanoseconds; 0 when nothing was read
 * @param status    the status read; empty when it could not be read
 * @param error     why {@code status} is empty; empty when it is present
 */
public record HostPtpReading(long sequence, long timeNanos, Optional<HostPtpStatus> status, String error) {
    public HostPtpReading {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(error, "error");
    }

    /** The role read; empty when the host could not be read. */
    public Optional<HostPtpRole> role() {
        return status.map(HostPtpStatus::role);
    }
}
