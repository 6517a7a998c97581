package org.syncscope.itests;

import java.util.List;
import org.epics.pva.data.PVAData;
import org.epics.pva.data.PVADouble;
import org.epics.pva.data.PVAInt;
import org.epics.pva.data.PVALong;
import org.epics.pva.data.PVAString;
import org.epics.pva.data.PVAStringArray;
import org.epics.pva.data.PVAStructure;
import org.epics.pva.server.PVAServer;
import org.epics.pva.server.ServerPV;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvType;
import org.syncscope.api.pv.PvValue;

/**
 * One record of {@link MrfStandInIoc}, served over Channel Access (Syncscope's CA server, which
 * serves the ns stamp as given) and over pvAccess (Phoebus' server, whose structure we build, so
 * that {@code timeStamp.userTag} can carry a pulse ID as QSRV's does). Each post sets both to the
 * same value, stamp and alarm.
 */
final class DualPv {

    private final PvSpec spec;
    private final PublishedPv ca;
    private final PVAStructure data;
    private final ServerPV pva;

    private DualPv(PvSpec spec, PvPublisher caPublisher, PVAServer pvaServer) {
        this.spec = spec;
        this.ca = caPublisher.publish(spec);
        this.data = normativeType(spec);
        this.pva = pvaServer.createPV(spec.name(), data);
    }

    static DualPv publish(PvSpec spec, PvPublisher caPublisher, PVAServer pvaServer) {
        return new DualPv(spec, caPublisher, pvaServer);
    }

    String name() {
        return spec.name();
    }

    /** Posts {@code value} (of the spec's type) stamped {@code stampNanos} with {@code userTag} (pvAccess only). */
    synchronized void post(PvValue value, long stampNanos, int userTag, AlarmSeverity severity, AlarmStatus status) {
        ca.post(value, stampNanos, severity, status);
        try {
            PVAData v = data.get("value");
            if (value instanceof PvValue.EnumValue e) {
                ((PVAInt) ((PVAStructure) v).get("index")).set(e.index());
            } else if (value instanceof PvValue.LongValue l) {
                ((PVAInt) v).set(Math.toIntExact(l.value()));
            } else if (value instanceof PvValue.DoubleValue d) {
                ((PVADouble) v).set(d.value());
            } else if (value instanceof PvValue.StringValue s) {
                ((PVAString) v).set(s.value());
            } else {
                throw new IllegalArgumentException(spec.name() + ": no pvAccess form for " + value);
            }
            PVAStructure alarm = data.get("alarm");
            ((PVAInt) alarm.get("severity")).set(severity.ordinal());
            ((PVAInt) alarm.get("status")).set(status == AlarmStatus.NO_ALARM ? 0 : 3);   // 3: RECORD, as QSRV maps record alarms
            ((PVAString) alarm.get("message")).set(status == AlarmStatus.NO_ALARM ? "" : status.name());
            PVAStructure time = data.get("timeStamp");
            ((PVALong) time.get("secondsPastEpoch")).set(Math.floorDiv(stampNanos, 1_000_000_000L));
            ((PVAInt) time.get("nanoseconds")).set((int) Math.floorMod(stampNanos, 1_000_000_000L));
            ((PVAInt) time.get("userTag")).set(userTag);
            pva.update(data);
        } catch (Exception e) {
            throw new IllegalStateException("pvAccess update of " + spec.name() + " failed", e);
        }
    }

    /** The structure QSRV serves for such a record: NTEnum for bi/mbbo, NTScalar for the others. */
    private static PVAStructure normativeType(PvSpec spec) {
        PVAStructure alarm = new PVAStructure("alarm", "alarm_t", new PVAInt("severity", 0), new PVAInt("status", 0),
                new PVAString("message", ""));
        PVAStructure time = new PVAStructure("timeStamp", "time_t", new PVALong("secondsPastEpoch", false, 0),
                new PVAInt("nanoseconds", 0), new PVAInt("userTag", 0));
        if (spec.type() == PvType.ENUM) {
            PVAStructure value = new PVAStructure("value", "enum_t", new PVAInt("index", 0),
                    new PVAStringArray("choices", spec.enumLabels().toArray(String[]::new)));
            return new PVAStructure("", "epics:nt/NTEnum:1.0", value, alarm, time);
        }
        PVAData value = switch (spec.type()) {
            case LONG -> new PVAInt("value", 0);
            case DOUBLE -> new PVADouble("value", 0);
            case STRING -> new PVAString("value", "");
            default -> throw new IllegalArgumentException(spec.name() + ": the stand-in serves no " + spec.type());
        };
        PVAStructure display = new PVAStructure("display", "display_t", new PVADouble("limitLow", 0),
                new PVADouble("limitHigh", 0), new PVAString("description", spec.description()),
                new PVAString("units", spec.units()), new PVAInt("precision", spec.precision()));
        return new PVAStructure("", "epics:nt/NTScalar:1.0", List.of(value, alarm, time, display));
    }
}
