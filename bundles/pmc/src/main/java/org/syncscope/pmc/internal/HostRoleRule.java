package org.syncscope.pmc.internal;

import java.util.List;
import java.util.Optional;
import org.syncscope.api.ptp.ClockIdentity;
import org.syncscope.api.ptp.HostPtpRole;
import org.syncscope.api.ptp.HostPtpStatus;
import org.syncscope.api.ptp.PortDataSet;
import org.syncscope.api.ptp.PortState;

/**
 * Decides the host's role from one reading of its data sets, and notices a reading that contradicts
 * itself (ptp4l changed state between two of its answers): the caller reads again rather than
 * report a slave whose grandmaster is itself, or a slave with a MASTER port.
 */
final class HostRoleRule {

    /** Most telling first: the port that decides a multi-port host's role. */
    private static final List<PortState> PRECEDENCE = List.of(PortState.SLAVE, PortState.UNCALIBRATED,
            PortState.MASTER, PortState.PRE_MASTER, PortState.PASSIVE, PortState.LISTENING, PortState.INITIALIZING,
            PortState.FAULTY, PortState.DISABLED);

    private HostRoleRule() {
    }

    /** The state of the port that decides the role. */
    static PortState decidingState(List<PortDataSet> ports) {
        return ports.stream().map(PortDataSet::portState).min((a, b) -> Integer.compare(PRECEDENCE.indexOf(a),
                PRECEDENCE.indexOf(b))).orElseThrow(() -> new IllegalArgumentException("ptp4l reported no ports"));
    }

    /** Why this reading cannot be one moment's state; empty when it is consistent. */
    static String contradiction(HostDataSets d) {
        if (d.ports().isEmpty()) {
            return "no PORT_DATA_SET";
        }
        PortState state = decidingState(d.ports());
        int steps = d.current().stepsRemoved();
        ClockIdentity self = d.defaults().clockIdentity();
        ClockIdentity parentGm = d.parent().grandmasterIdentity();
        boolean following = state == PortState.SLAVE || state == PortState.UNCALIBRATED;
        if (following && steps == 0) {
            return "port " + state + " but stepsRemoved 0";
        }
        if (following && parentGm.equals(self)) {
            return "port " + state + " but PARENT_DATA_SET names this clock as grandmaster";
        }
        if (state == PortState.MASTER && (steps != 0 || !parentGm.equals(self))) {
            return "port MASTER but stepsRemoved " + steps + " and grandmaster " + parentGm;
        }
        if (d.time().gmPresent() && !d.time().gmIdentity().equals(parentGm)) {
            return "TIME_STATUS_NP names grandmaster " + d.time().gmIdentity() + ", PARENT_DATA_SET " + parentGm;
        }
        return "";
    }

    /** The status of a consistent reading (see {@link #contradiction}). */
    static HostPtpStatus status(HostDataSets d) {
        PortState state = decidingState(d.ports());
        HostPtpRole role = switch (state) {
            case SLAVE -> HostPtpRole.SLAVE;
            case UNCALIBRATED -> HostPtpRole.UNCALIBRATED;
            case MASTER -> HostPtpRole.GRANDMASTER;
            case PRE_MASTER -> HostPtpRole.PRE_MASTER;
            case PASSIVE -> HostPtpRole.PASSIVE;
            case LISTENING -> HostPtpRole.LISTENING;
            case INITIALIZING -> HostPtpRole.INITIALIZING;
            case FAULTY -> HostPtpRole.FAULTY;
            case DISABLED -> HostPtpRole.DISABLED;
        };
        ClockIdentity self = d.defaults().clockIdentity();
        ClockIdentity gm = role == HostPtpRole.GRANDMASTER ? self
                : d.time().gmPresent() ? d.time().gmIdentity() : d.parent().grandmasterIdentity();
        return new HostPtpStatus(role, d.current(), self, gm, d.ports(),
                role == HostPtpRole.GRANDMASTER ? Optional.empty() : Optional.of(d.time()));
    }
}
