package org.syncscope.cas;

import java.util.List;

/**
 * Part of what the server serves, as {@code pv:list PATTERN} shows it.
 *
 * @param pvs      the PVs listed, at most the maximum asked for: those served now in name order, then
 *                 catalog names no client uses, in their catalogs' order
 * @param matching how many names matched in all (more than {@code pvs} holds when the maximum cut the list)
 */
public record PvListing(List<ServedPvInfo> pvs, long matching) {

    public PvListing {
        pvs = List.copyOf(pvs);
    }
}
