package org.syncscope.ca.command;

import org.syncscope.api.pv.PvSource;

/**
 * A PV name as Phoebus writes it: {@code ca://NAME} or {@code pva://NAME}, or a bare name, which is
 * Channel Access. Picks the source for it.
 */
record Scheme(PvSource source, String name, String protocol) {

    static final String CA = "ca://";
    static final String PVA = "pva://";

    /**
     * @param pva the pvAccess source, or null when it is not installed
     * @throws IllegalArgumentException for {@code pva://} without a pvAccess client, naming the feature
     */
    static Scheme of(String raw, PvSource ca, PvSource pva) {
        if (raw.startsWith(PVA)) {
            if (pva == null) {
                throw new IllegalArgumentException(raw + ": no pvAccess client is running (feature:install syncscope-pva)");
            }
            return new Scheme(pva, raw.substring(PVA.length()), "pva");
        }
        return new Scheme(ca, raw.startsWith(CA) ? raw.substring(CA.length()) : raw, "ca");
    }
}
