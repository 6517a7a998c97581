package org.syncscope.cas.internal;

import gov.aps.jca.dbr.CTRL;
import gov.aps.jca.dbr.DBR;
import gov.aps.jca.dbr.DBRType;
import gov.aps.jca.dbr.GR;
import gov.aps.jca.dbr.LABELS;
import gov.aps.jca.dbr.PRECISION;
import gov.aps.jca.dbr.STS;
import gov.aps.jca.dbr.TIME;
import gov.aps.jca.dbr.TimeStamp;
import java.util.Arrays;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvType;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.time.EpicsTimestamp;

/** Conversions between our value types and CAJ's DBR structures, in both directions. */
final class Dbrs {

    /** DBR_STRING carries 40 bytes including the NUL. */
    static final int MAX_STRING = 39;

    private Dbrs() {
    }

    /** The CA native type of a PV type. */
    static DBRType nativeType(PvType type) {
        switch (type) {
            case DOUBLE:
            case DOUBLE_ARRAY:
                return DBRType.DOUBLE;
            case LONG:
                return DBRType.INT;   // DBR_LONG: 32 bits
            case STRING:
                return DBRType.STRING;
            case ENUM:
                return DBRType.ENUM;
            default:
                throw new IllegalArgumentException("no Channel Access type for " + type);
        }
    }

    /**
     * Checks a value against the spec before it is stored.
     *
     * @throws IllegalArgumentException naming the PV and what is wrong
     */
    static void check(PvSpec spec, PvValue value) {
        if (value.type() != spec.type()) {
            throw new IllegalArgumentException(spec.name() + " is " + spec.type() + ", not " + value.type());
        }
        if (value instanceof PvValue.LongValue l && (l.value() < Integer.MIN_VALUE || l.value() > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException(spec.name() + ": " + l.value() + " does not fit Channel Access's 32-bit DBR_LONG");
        }
        if (value instanceof PvValue.StringValue s && s.value().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_STRING) {
            throw new IllegalArgumentException(spec.name() + ": string longer than " + MAX_STRING + " bytes");
        }
        if (value instanceof PvValue.EnumValue e && e.index() >= spec.enumLabels().size()) {
            throw new IllegalArgumentException(spec.name() + ": enum index " + e.index() + " has no label (0.."
                    + (spec.enumLabels().size() - 1) + ")");
        }
        if (value instanceof PvValue.DoubleArrayValue a && a.length() > spec.maxElements()) {
            throw new IllegalArgumentException(spec.name() + ": " + a.length() + " elements, at most " + spec.maxElements());
        }
    }

    /** Fills whatever parts of {@code dbr} it has (value, alarm, time, display, control, precision, labels). */
    static void fill(DBR dbr, PvSpec spec, PvValue value, EpicsTimestamp time, AlarmSeverity severity, AlarmStatus status) {
        if (value != null) {
            fillValue(dbr, value);
        }
        if (dbr.isSTS()) {
            ((STS) dbr).setSeverity(severity.ordinal());
            ((STS) dbr).setStatus(status.ordinal());
        }
        if (dbr.isTIME()) {
            ((TIME) dbr).setTimeStamp(new TimeStamp(time.secondsPastEpoch(), time.nanoseconds()));
        }
        if (dbr.isGR()) {
            GR gr = (GR) dbr;
            gr.setUnits(spec.units());
            gr.setUpperDispLimit(spec.displayLimits().high());
            gr.setLowerDispLimit(spec.displayLimits().low());
            gr.setUpperAlarmLimit(0d);
            gr.setUpperWarningLimit(0d);
            gr.setLowerWarningLimit(0d);
            gr.setLowerAlarmLimit(0d);
        }
        if (dbr.isCTRL()) {
            ((CTRL) dbr).setUpperCtrlLimit(spec.controlLimits().high());
            ((CTRL) dbr).setLowerCtrlLimit(spec.controlLimits().low());
        }
        if (dbr.isPRECSION()) {
            ((PRECISION) dbr).setPrecision((short) spec.precision());
        }
        if (dbr.isLABELS()) {
            ((LABELS) dbr).setLabels(spec.enumLabels().toArray(new String[0]));
        }
    }

    /** Fills the value of a DOUBLE's {@code dbr} from the bare number. */
    static void fillDouble(DBR dbr, double value) {
        ((double[]) dbr.getValue())[0] = value;
    }

    private static void fillValue(DBR dbr, PvValue value) {
        Object target = dbr.getValue();
        if (value instanceof PvValue.DoubleValue d) {
            ((double[]) target)[0] = d.value();
        } else if (value instanceof PvValue.LongValue l) {
            ((int[]) target)[0] = (int) l.value();
        } else if (value instanceof PvValue.StringValue s) {
            ((String[]) target)[0] = s.value();
        } else if (value instanceof PvValue.EnumValue e) {
            ((short[]) target)[0] = (short) e.index();
        } else if (value instanceof PvValue.DoubleArrayValue a) {
            double[] out = (double[]) target;
            double[] in = a.values();
            int n = Math.min(in.length, out.length);
            System.arraycopy(in, 0, out, 0, n);
            Arrays.fill(out, n, out.length, 0);
        }
    }

    /** A client's put, already converted by CAJ to the PV's native type, as our value. */
    static PvValue toValue(DBR dbr, PvSpec spec) {
        Object v = dbr.getValue();
        switch (spec.type()) {
            case DOUBLE:
                return new PvValue.DoubleValue(((double[]) v)[0]);
            case LONG:
                return new PvValue.LongValue(((int[]) v)[0]);
            case STRING:
                return new PvValue.StringValue(((String[]) v)[0]);
            case ENUM: {
                int index = ((short[]) v)[0] & 0xFFFF;
                String label = index < spec.enumLabels().size() ? spec.enumLabels().get(index) : "";
                return new PvValue.EnumValue(index, label);
            }
            case DOUBLE_ARRAY:
                return new PvValue.DoubleArrayValue((double[]) v);
            default:
                throw new IllegalArgumentException("no conversion for " + spec.type());
        }
    }
}
