package org.syncscope.syncprofile.internal;

import java.util.Locale;
import java.util.OptionalLong;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.PvValue;

/** Which time of an update the statistics use. */
public enum TimestampMode {
    /** The record's own timestamp (what the IOC stamped). */
    SOURCE,
    /** When the update arrived here, for sources with bad stamps. */
    RECEIVE,
    /** The PV's value, read as a time in seconds ("timestamp PVs"). */
    VALUE;

    /** How the configuration and the console write it: {@code source}, {@code receive}, {@code value}. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the value */
    static TimestampMode parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (TimestampMode m : values()) {
            if (m.name().toLowerCase(Locale.ROOT).equals(t)) {
                return m;
            }
        }
        throw new IllegalArgumentException("timestamp: '" + text + "' is not source, receive or value");
    }

    /** The update's time in ns, or empty when a VALUE-mode update holds no finite number. */
    OptionalLong timeOf(PvUpdate u) {
        switch (this) {
            case SOURCE:
                return OptionalLong.of(u.sourceTimeNanos());
            case RECEIVE:
                return OptionalLong.of(u.receiveTimeNanos());
            default:
                return secondsToNanos(u.value());
        }
    }

    private static OptionalLong secondsToNanos(PvValue v) {
        if (v instanceof PvValue.LongValue l) {
            return l.value() > Long.MAX_VALUE / 1_000_000_000L || l.value() < Long.MIN_VALUE / 1_000_000_000L
                    ? OptionalLong.empty() : OptionalLong.of(l.value() * 1_000_000_000L);
        }
        if (!(v instanceof PvValue.DoubleValue d) || !Double.isFinite(d.value()) || Math.abs(d.value()) > 9.2e9) {
            return OptionalLong.empty();
        }
        // Whole seconds and the fraction separately: exact to what the double holds.
        double seconds = Math.floor(d.value());
        long nanos = Math.round((d.value() - seconds) * 1e9);
        return OptionalLong.of((long) seconds * 1_000_000_000L + nanos);
    }
}
