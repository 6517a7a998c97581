package org.syncscope.pmc.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.syncscope.api.ptp.HostPtpRole;
import org.syncscope.api.ptp.HostPtpStatus;
import org.syncscope.api.ptp.PortState;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;

/**
 * The host's PTP status as PVs under a prefix: Role, PortState (of the first port; its number is
 * the IEEE 1588 code, 9 = SLAVE), StepsRemoved, OffsetFromMaster and MeanPathDelay (ns),
 * GrandmasterId. Role is NO_ALARM only for a grandmaster or slave, MINOR/STATE while ptp4l settles
 * (listening, uncalibrated, pre-master, initializing) and MAJOR/STATE when the host takes no part
 * in PTP (passive, faulty, disabled). While ptp4l cannot be read every PV keeps its last value with
 * INVALID/COMM, and Role reads UNKNOWN. Time stamps never go back.
 */
final class HostStatusPvs implements AutoCloseable {

    /** Role labels: the roles in their order, then UNKNOWN (ptp4l not readable). */
    static final List<String> ROLES = Stream.concat(Arrays.stream(HostPtpRole.values()).map(Enum::name),
            Stream.of("UNKNOWN")).collect(Collectors.toList());
    /** Index = IEEE 1588 portState code; 0 (no such state) = UNKNOWN. */
    static final List<String> PORT_STATES = Stream.concat(Stream.of("UNKNOWN"),
            Arrays.stream(PortState.values()).map(Enum::name)).collect(Collectors.toList());

    private final String prefix;
    private final List<PublishedPv> all = new ArrayList<>();
    private final PublishedPv role;
    private final PublishedPv portState;
    private final PublishedPv stepsRemoved;
    private final PublishedPv offset;
    private final PublishedPv delay;
    private final PublishedPv grandmaster;
    /** The PVs in the order of {@link #last}. */
    private final PublishedPv[] ordered;
    private PvValue[] last = {
        enumValue(ROLES, "UNKNOWN"), enumValue(PORT_STATES, "UNKNOWN"), new PvValue.LongValue(0),
        new PvValue.DoubleValue(0), new PvValue.DoubleValue(0), new PvValue.StringValue("")
    };
    private long lastTime = Long.MIN_VALUE;

    HostStatusPvs(PvPublisher publisher, String prefix) {
        this.prefix = prefix;
        try {
            role = add(publisher, PvSpec.ofEnum(prefix + "Role", "host PTP role", ROLES));
            portState = add(publisher, PvSpec.ofEnum(prefix + "PortState", "state of ptp4l's first port", PORT_STATES));
            stepsRemoved = add(publisher, PvSpec.ofLong(prefix + "StepsRemoved", "",
                    "boundary clocks to the grandmaster"));
            offset = add(publisher, PvSpec.ofDouble(prefix + "OffsetFromMaster", "ns", 1, "offset to the master"));
            delay = add(publisher, PvSpec.ofDouble(prefix + "MeanPathDelay", "ns", 1, "mean path delay to the master"));
            grandmaster = add(publisher, PvSpec.ofString(prefix + "GrandmasterId", "grandmaster clock identity"));
            ordered = new PublishedPv[] {role, portState, stepsRemoved, offset, delay, grandmaster};
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    String prefix() {
        return prefix;
    }

    /** Posts a successful reading. */
    void update(HostPtpStatus status, long timeNanos) {
        PortState first = status.firstPortState();
        last = new PvValue[] {
            enumValue(ROLES, status.role().name()),
            new PvValue.EnumValue(first.code(), first.name()),
            new PvValue.LongValue(status.current().stepsRemoved()),
            new PvValue.DoubleValue(status.current().offsetFromMasterNs()),
            new PvValue.DoubleValue(status.current().meanPathDelayNs()),
            new PvValue.StringValue(status.grandmasterIdentity().toString())
        };
        HostPtpRole r = status.role();
        AlarmSeverity severity = r.synchronised() ? AlarmSeverity.NO_ALARM
                : r.settling() ? AlarmSeverity.MINOR : AlarmSeverity.MAJOR;
        AlarmStatus why = r.synchronised() ? AlarmStatus.NO_ALARM : AlarmStatus.STATE;
        long time = stamp(timeNanos);
        role.post(last[0], time, severity, why);
        portState.post(last[1], time, severity, why);
        for (int i = 2; i < last.length; i++) {
            ordered[i].post(last[i], time, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        }
    }

    /** ptp4l could not be read: last values, INVALID/COMM, role and port state UNKNOWN. */
    void failed(long timeNanos) {
        last[0] = enumValue(ROLES, "UNKNOWN");
        last[1] = enumValue(PORT_STATES, "UNKNOWN");
        long time = stamp(timeNanos);
        for (int i = 0; i < ordered.length; i++) {
            ordered[i].post(last[i], time, AlarmSeverity.INVALID, AlarmStatus.COMM);
        }
    }

    /** Never earlier than a stamp already posted (the wall clock may be set back). */
    private long stamp(long timeNanos) {
        lastTime = lastTime == Long.MIN_VALUE ? timeNanos : Math.max(timeNanos, lastTime + 1);
        return lastTime;
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
