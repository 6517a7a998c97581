package org.syncscope.cas;

import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.PvType;
import org.syncscope.api.pv.PvValue;

/**
 * A served PV as the console lists it.
 *
 * @param value    latest value, null before the first post
 * @param monitors Channel Access monitors attached now
 * @param kind     published in advance, or a catalog's (made now because clients use it, or not)
 */
public record ServedPvInfo(String name, PvType type, PvValue value, AlarmSeverity severity, int monitors,
                           boolean writable, Kind kind) {

    /** How the server holds the PV. */
    public enum Kind {
        /** Published in advance ({@code PvPublisher.publish}). */
        PUBLISHED,
        /** A catalog's, made into a PV while clients use it. */
        ON_DEMAND_OPEN,
        /** A catalog's name no client uses now: made into a PV when one asks; value as the catalog reads it. */
        ON_DEMAND
    }

    /** A published PV (as before {@code kind} existed). */
    public ServedPvInfo(String name, PvType type, PvValue value, AlarmSeverity severity, int monitors, boolean writable) {
        this(name, type, value, severity, monitors, writable, Kind.PUBLISHED);
    }
}
