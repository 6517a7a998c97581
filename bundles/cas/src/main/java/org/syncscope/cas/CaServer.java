package org.syncscope.cas;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The Channel Access server as {@code pv:list} shows it. */
@ProviderType
public interface CaServer {

    /**
     * Every PV served now, in name order: those published and those made from catalogs while
     * clients use them; not the catalog names no client uses (a catalog may have millions), see
     * {@link #list}.
     */
    List<ServedPvInfo> served();

    /**
     * The PVs whose names match {@code pattern} (a glob: {@code *} any run of characters, {@code ?}
     * one; null or empty: all), catalog names no client uses included, at most {@code max}.
     */
    PvListing list(String pattern, int max);

    /** One line: the ports served, or why not, and a refused change. */
    String status();

    /** Client connections now; null while not serving. */
    ServerClients clients();

    /** Refused TCP input so far (malformed messages, connections over a limit). */
    long refusedTcp();

    /** Refused UDP datagrams so far. */
    long refusedUdp();
}
