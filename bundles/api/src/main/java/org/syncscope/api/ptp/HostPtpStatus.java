package org.syncscope.api.ptp;

import java.util.Objects;
import java.util.Optional;

/**
 * The host's PTP role and grandmaster, derived from the data sets.
 *
 * @param role                  grandmaster when stepsRemoved is 0, else slave
 * @param current               the CURRENT_DATA_SET it was derived from
 * @param grandmasterIdentity   the grandmaster: this clock (GRANDMASTER_SETTINGS_NP /
 *                              DEFAULT_DATA_SET) for a GM, else from TIME_STATUS_NP
 * @param timeStatus            TIME_STATUS_NP when the host is a slave and it was read
 */
public record HostPtpStatus(HostPtpRole role, CurrentDataSet current,
                            ClockIdentity grandmasterIdentity, Optional<TimeStatusNp> timeStatus) {
    public HostPtpStatus {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(grandmasterIdentity, "grandmasterIdentity");
        Objects.requireNonNull(timeStatus, "timeStatus");
    }
}
