package org.syncscope.api.status;

import org.syncscope.api.pv.PvReading;
import org.syncscope.api.pv.PvValue;

/**
 * One Syncscope PV as a client reads it now.
 *
 * @param pv        its name
 * @param value     the number it carries (an enum's index); NaN for none, a string or an array
 * @param text      as a display shows it: the number, the enum's label or the string; empty for none
 * @param severity  NO_ALARM, MINOR, MAJOR or INVALID (INVALID while it is not connected)
 * @param timeNanos its time stamp, ns since the Unix epoch; 0 for none
 */
public record PvValueView(String pv, double value, String text, String severity, long timeNanos) {

    /** A PV not (yet) read. */
    public static PvValueView none(String pv) {
        return new PvValueView(pv, Double.NaN, "", "INVALID", 0);
    }

    /** The PV {@code pv} as {@code reading} gives it; {@link #none} for a null reading or one without a value. */
    public static PvValueView of(String pv, PvReading reading) {
        if (reading == null || reading.value() == null) {
            return none(pv);
        }
        PvValue v = reading.value();
        double value = Double.NaN;
        String text;
        if (v instanceof PvValue.DoubleValue d) {
            value = d.value();
            text = Double.toString(d.value());
        } else if (v instanceof PvValue.LongValue l) {
            value = l.value();
            text = Long.toString(l.value());
        } else if (v instanceof PvValue.EnumValue e) {
            value = e.index();
            text = e.label();
        } else if (v instanceof PvValue.StringValue s) {
            text = s.value();
        } else if (v instanceof PvValue.DoubleArrayValue a) {
            text = a.values().length + " elements";
        } else {
            text = "";
        }
        return new PvValueView(pv, value, text, reading.severity().name(), reading.timestampNanos());
    }

    /** Whether it has a value a reader may trust (read, and not INVALID). */
    public boolean valid() {
        return timeNanos != 0 && !"INVALID".equals(severity);
    }
}
