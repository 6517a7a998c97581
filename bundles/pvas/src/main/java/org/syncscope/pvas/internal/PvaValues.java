package org.syncscope.pvas.internal;

import org.epics.pvdata.pv.PVDouble;
import org.epics.pvdata.pv.PVDoubleArray;
import org.epics.pvdata.pv.PVField;
import org.epics.pvdata.pv.PVInt;
import org.epics.pvdata.pv.PVLong;
import org.epics.pvdata.pv.PVString;
import org.epics.pvdata.pv.PVStringArray;
import org.epics.pvdata.pv.PVStructure;
import org.epics.pvdata.pv.ScalarType;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.Limits;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvType;
import org.syncscope.api.pv.PvValue;

/** Writes a PV's metadata and its latest post into its {@link PvaTypes} structure. */
final class PvaValues {

    private PvaValues() {
    }

    /** The parts that never change (display, control, enum choices, table labels). */
    static void fillMetadata(PVStructure s, PvSpec spec) {
        PVStructure display = s.getStructureField("display");
        if (display != null) {
            limits(display, spec.displayLimits());
            display.getStringField("description").put(spec.description());
            display.getStringField("units").put(spec.units());
            display.getIntField("precision").put(spec.precision());
            PVStructure form = display.getStructureField("form");
            strings(form.getScalarArrayField("choices", ScalarType.pvString), PvaTypes.FORMS.toArray(new String[0]));
        }
        PVStructure control = s.getStructureField("control");
        if (control != null) {
            limits(control, spec.controlLimits());
        }
        if (spec.type() == PvType.ENUM) {
            strings(s.getStructureField("value").getScalarArrayField("choices", ScalarType.pvString),
                    spec.enumLabels().toArray(new String[0]));
        }
        if (spec.type() == PvType.TABLE) {
            strings(s.getScalarArrayField("labels", ScalarType.pvString),
                    spec.columns().stream().map(PvValue.TableValue.Column::label).toArray(String[]::new));
            s.getStringField("descriptor").put(spec.description());
        }
    }

    private static void limits(PVStructure s, Limits limits) {
        s.getDoubleField("limitLow").put(limits.low());
        s.getDoubleField("limitHigh").put(limits.high());
    }

    private static void strings(org.epics.pvdata.pv.PVScalarArray field, String[] values) {
        ((PVStringArray) field).shareData(values);
    }

    /**
     * The fields a post writes, looked up once per master structure: by name on every post they
     * were a fifth of a monitored post's cost.
     */
    static final class PostFields {
        final PVField value;
        private final PVInt severity;
        private final PVInt status;
        private final PVString message;
        private final PVLong seconds;
        private final PVInt nanoseconds;

        PostFields(PVStructure s) {
            value = s.getSubField("value");
            PVStructure alarm = s.getStructureField("alarm");
            severity = alarm.getIntField("severity");
            status = alarm.getIntField("status");
            message = alarm.getStringField("message");
            PVStructure time = s.getStructureField("timeStamp");
            seconds = time.getLongField("secondsPastEpoch");
            nanoseconds = time.getIntField("nanoseconds");
        }
    }

    /**
     * The value ({@code null}: never posted, or {@code number} when {@code numberIsLatest}), time
     * and alarm. Arrays are handed over as new arrays, never written in place: elements queued
     * for monitors may still hold the previous one.
     */
    static void fillPost(PostFields f, PvSpec spec, PvValue value, double number, boolean numberIsLatest,
                         long timeNanos, AlarmSeverity severity, AlarmStatus status, boolean posted) {
        if (numberIsLatest) {
            ((PVDouble) f.value).put(number);
        } else if (value != null) {
            fillValue(f.value, spec, value);
        }
        f.severity.put(severity.ordinal());
        f.status.put(posted ? AlarmCodes.code(status) : AlarmCodes.UNDEFINED);
        f.message.put(posted ? AlarmCodes.message(status) : "UDF");
        f.seconds.put(Math.floorDiv(timeNanos, 1_000_000_000L));
        f.nanoseconds.put((int) Math.floorMod(timeNanos, 1_000_000_000L));
    }

    private static void fillValue(PVField field, PvSpec spec, PvValue value) {
        if (value instanceof PvValue.DoubleValue d) {
            ((PVDouble) field).put(d.value());
        } else if (value instanceof PvValue.LongValue l) {
            ((PVInt) field).put((int) l.value());
        } else if (value instanceof PvValue.StringValue str) {
            ((PVString) field).put(str.value());
        } else if (value instanceof PvValue.EnumValue e) {
            ((PVStructure) field).getIntField("index").put(e.index());
        } else if (value instanceof PvValue.DoubleArrayValue a) {
            ((PVDoubleArray) field).shareData(a.values());
        } else if (value instanceof PvValue.TableValue t) {
            PVStructure columns = (PVStructure) field;
            for (int k = 0; k < spec.columns().size(); k++) {
                PvValue.TableValue.Column c = spec.columns().get(k);
                if (c.kind() == PvValue.TableValue.Column.Kind.STRING) {
                    ((PVStringArray) columns.getSubField(c.name())).shareData(t.strings(k));
                } else {
                    ((PVDoubleArray) columns.getSubField(c.name())).shareData(t.doubles(k));
                }
            }
        }
    }
}
