package org.syncscope.cas;

import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.PvType;
import org.syncscope.api.pv.PvValue;

/**
 * A served PV as the console lists it.
 *
 * @param value    latest value, null before the first post
 * @param monitors Channel Access monitors attached now
 */
public record ServedPvInfo(String name, PvType type, PvValue value, AlarmSeverity severity, int monitors,
                           boolean writable) {
}
