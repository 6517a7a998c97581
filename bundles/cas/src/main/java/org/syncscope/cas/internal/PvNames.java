package org.syncscope.cas.internal;

/** The EPICS record-name rules the server applies to every PV it serves: {@link org.syncscope.api.pv.PvNames}. */
final class PvNames {

    private PvNames() {
    }

    /** @throws IllegalArgumentException naming the bad character and its position, or the length */
    static String validate(String name) {
        return org.syncscope.api.pv.PvNames.validate(name);
    }
}
