package org.syncscope.pvas.internal;

import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvType;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.time.EpicsTime;

/** What {@code PublishedPv.post} refuses, with messages naming the PV. */
final class PostChecks {

    private PostChecks() {
    }

    static void check(PvSpec spec, PvValue value) {
        java.util.Objects.requireNonNull(value, "value");
        if (value.type() != spec.type()) {
            throw new IllegalArgumentException(spec.name() + " is " + spec.type() + ", not " + value.type());
        }
        if (value instanceof PvValue.LongValue l && (l.value() < Integer.MIN_VALUE || l.value() > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException(spec.name() + ": " + l.value() + " is outside 32 bits");
        }
        if (value instanceof PvValue.EnumValue e && e.index() >= spec.enumLabels().size()) {
            throw new IllegalArgumentException(spec.name() + ": enum index " + e.index() + " is outside 0.."
                    + (spec.enumLabels().size() - 1));
        }
        if (value instanceof PvValue.DoubleArrayValue a && a.length() > spec.maxElements()) {
            throw new IllegalArgumentException(spec.name() + ": " + a.length() + " elements, at most "
                    + spec.maxElements());
        }
        if (value instanceof PvValue.TableValue t) {
            if (t.columns().size() != spec.columns().size()) {
                throw new IllegalArgumentException(spec.name() + " has " + spec.columns().size() + " columns, the value "
                        + t.columns().size());
            }
            for (int k = 0; k < t.columns().size(); k++) {
                PvValue.TableValue.Column c = spec.columns().get(k);
                boolean strings = t.columns().get(k) instanceof String[];
                if (strings != (c.kind() == PvValue.TableValue.Column.Kind.STRING)) {
                    throw new IllegalArgumentException(spec.name() + ": column " + c.name() + " holds " + c.kind()
                            + " values");
                }
            }
        }
        if (spec.type() == PvType.TABLE && !(value instanceof PvValue.TableValue)) {
            throw new IllegalArgumentException(spec.name() + " is a table");
        }
    }

    /** Refuses a time before the EPICS epoch (1990), as Channel Access does; allocates nothing otherwise. */
    static void checkTime(PvSpec spec, long timestampNanos) {
        if (timestampNanos < EpicsTime.MIN_UNIX_NANOS) {
            throw new IllegalArgumentException(spec.name() + ": time " + timestampNanos
                    + " ns is before 1990, outside the EPICS range");
        }
    }
}
