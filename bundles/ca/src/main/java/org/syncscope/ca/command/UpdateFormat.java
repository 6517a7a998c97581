package org.syncscope.ca.command;

import java.time.Instant;
import java.util.Arrays;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.PvValue;

/** One line per update, as camonitor prints it: name, source time, value, alarm. */
final class UpdateFormat {

    private UpdateFormat() {
    }

    static String line(PvUpdate u) {
        Instant t = Instant.ofEpochSecond(Math.floorDiv(u.sourceTimeNanos(), 1_000_000_000L),
                Math.floorMod(u.sourceTimeNanos(), 1_000_000_000L));
        String alarm = u.severity().name().equals("NO_ALARM") ? "" : " " + u.severity() + " " + u.status();
        String tag = u.userTag() == 0 ? "" : " tag " + u.userTag();
        return u.pvName() + " " + t + tag + " " + value(u.value()) + alarm;
    }

    static String value(PvValue v) {
        if (v instanceof PvValue.DoubleValue d) {
            return Double.toString(d.value());
        }
        if (v instanceof PvValue.LongValue l) {
            return Long.toString(l.value());
        }
        if (v instanceof PvValue.StringValue s) {
            return s.value();
        }
        if (v instanceof PvValue.EnumValue e) {
            return e.label().isEmpty() ? Integer.toString(e.index()) : e.label();
        }
        if (v instanceof PvValue.TableValue table) {
            return "table of " + table.rows() + " rows";
        }
        double[] a = ((PvValue.DoubleArrayValue) v).values();
        return a.length + " " + Arrays.toString(a);
    }
}
