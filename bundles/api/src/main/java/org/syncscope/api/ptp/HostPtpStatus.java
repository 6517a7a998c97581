package org.syncscope.api.ptp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The host's PTP role and grandmaster, derived from one consistent reading of its data sets (all of
 * them asked for in one exchange with ptp4l, so none comes from before a state change and another
 * from after it).
 *
 * @param role                the role its ports' states give (see {@link HostPtpRole})
 * @param current             CURRENT_DATA_SET
 * @param clockIdentity       this clock (DEFAULT_DATA_SET)
 * @param grandmasterIdentity the grandmaster: this clock for a grandmaster, else TIME_STATUS_NP's
 *                            when it knows one, else PARENT_DATA_SET's
 * @param ports               PORT_DATA_SET of every port, in port order (at least one)
 * @param timeStatus          TIME_STATUS_NP when the host is a slave
 */
public record HostPtpStatus(HostPtpRole role, CurrentDataSet current, ClockIdentity clockIdentity,
                            ClockIdentity grandmasterIdentity, List<PortDataSet> ports,
                            Optional<TimeStatusNp> timeStatus) {
    public HostPtpStatus {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(clockIdentity, "clockIdentity");
        Objects.requireNonNull(grandmasterIdentity, "grandmasterIdentity");
        ports = List.copyOf(ports);
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("a host PTP status needs at least one port");
        }
        Objects.requireNonNull(timeStatus, "timeStatus");
    }

    /** The first port's state: what a single-port host (the usual case) is in. */
    public PortState firstPortState() {
        return ports.get(0).portState();
    }
}
