package org.syncscope.pmc.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.syncscope.api.ptp.HostPtpRole;
import org.syncscope.api.ptp.HostPtpStatus;
import org.syncscope.api.ptp.PortDataSet;
import org.syncscope.api.ptp.PortState;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;

/**
 * The host's PTP status as PVs under a prefix: Role, PortState (of the first port), StepsRemoved,
 * OffsetFromMaster and MeanPathDelay (ns), GrandmasterId. While ptp4l cannot be read every PV keeps
 * its last value with INVALID/COMM, and Role reads UNKNOWN.
 */
final class HostStatusPvs implements AutoCloseable {

    private static final List<String> ROLES = List.of("GRANDMASTER", "SLAVE", "UNKNOWN");
    private static final List<String> PORT_STATES = Stream.concat(Arrays.stream(PortState.values()).map(Enum::name),
            Stream.of("UNKNOWN")).collect(Collectors.toList());

    private final List<PublishedPv> all = new ArrayList<>();
    private final PublishedPv role;
    private final PublishedPv portState;
    private final PublishedPv stepsRemoved;
    private final PublishedPv offset;
    private final PublishedPv delay;
    private final PublishedPv grandmaster;
    private PvValue[] last = {
        enumValue(ROLES, "UNKNOWN"), enumValue(PORT_STATES, "UNKNOWN"), new PvValue.LongValue(0),
        new PvValue.DoubleValue(0), new PvValue.DoubleValue(0), new PvValue.StringValue("")
    };

    HostStatusPvs(PvPublisher publisher, String prefix) {
        try {
            role = add(publisher, PvSpec.ofEnum(prefix + "Role", "host PTP role", ROLES));
            portState = add(publisher, PvSpec.ofEnum(prefix + "PortState", "state of ptp4l's first port", PORT_STATES));
            stepsRemoved = add(publisher, PvSpec.ofLong(prefix + "StepsRemoved", "",
                    "boundary clocks to the grandmaster"));
            offset = add(publisher, PvSpec.ofDouble(prefix + "OffsetFromMaster", "ns", 1, "offset to the master"));
            delay = add(publisher, PvSpec.ofDouble(prefix + "MeanPathDelay", "ns", 1, "mean path delay to the master"));
            grandmaster = add(publisher, PvSpec.ofString(prefix + "GrandmasterId", "grandmaster clock identity"));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Posts a successful reading. */
    void update(HostPtpStatus status, List<PortDataSet> ports, long timeNanos) {
        PortState first = ports.isEmpty() ? null : ports.get(0).portState();
        last = new PvValue[] {
            enumValue(ROLES, status.role() == HostPtpRole.GRANDMASTER ? "GRANDMASTER" : "SLAVE"),
            enumValue(PORT_STATES, first == null ? "UNKNOWN" : first.name()),
            new PvValue.LongValue(status.current().stepsRemoved()),
            new PvValue.DoubleValue(status.current().offsetFromMasterNs()),
            new PvValue.DoubleValue(status.current().meanPathDelayNs()),
            new PvValue.StringValue(status.grandmasterIdentity().toString())
        };
        post(timeNanos, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
    }

    /** ptp4l could not be read: last values, INVALID/COMM, role UNKNOWN. */
    void failed(long timeNanos) {
        last[0] = enumValue(ROLES, "UNKNOWN");
        last[1] = enumValue(PORT_STATES, "UNKNOWN");
        post(timeNanos, AlarmSeverity.INVALID, AlarmStatus.COMM);
    }

    private void post(long time, AlarmSeverity severity, AlarmStatus status) {
        PublishedPv[] pvs = {role, portState, stepsRemoved, offset, delay, grandmaster};
        for (int i = 0; i < pvs.length; i++) {
            pvs[i].post(last[i], time, severity, status);
        }
    }

    @Override
    public void close() {
        all.forEach(PublishedPv::close);
        all.clear();
    }

    private PublishedPv add(PvPublisher publisher, PvSpec spec) {
        PublishedPv pv = publisher.publish(spec);
        all.add(pv);
        return pv;
    }

    private static PvValue.EnumValue enumValue(List<String> labels, String label) {
        return new PvValue.EnumValue(labels.indexOf(label), label);
    }

}
