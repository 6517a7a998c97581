package org.syncscope.overview;

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

    /** Whether it has a value a reader may trust (read, and not INVALID). */
    public boolean valid() {
        return timeNanos != 0 && !"INVALID".equals(severity);
    }
}
