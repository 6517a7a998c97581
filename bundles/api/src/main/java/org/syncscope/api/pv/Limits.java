package org.syncscope.api.pv;

/**
 * A low/high pair of display or control limits, in the PV's units. EPICS convention: equal
 * limits (e.g. both 0) mean "not set".
 */
public record Limits(double low, double high) {

    /** No limits set. */
    public static final Limits NONE = new Limits(0, 0);

    public Limits {
        if (Double.isNaN(low) || Double.isNaN(high) || low > high) {
            throw new IllegalArgumentException("limits must satisfy low <= high, got low=" + low + " high=" + high);
        }
    }
}
