package org.syncscope.cas;

import java.util.List;

/** The Channel Access server as {@code pv:list} shows it. */
public interface CaServer {

    /** Every PV served, in name order. */
    List<ServedPvInfo> served();

    /** One line: the ports served, or why not, and a refused change. */
    String status();

    /** Client connections now; null while not serving. */
    ServerClients clients();

    /** Refused TCP input so far (malformed messages, connections over a limit). */
    long refusedTcp();

    /** Refused UDP datagrams so far. */
    long refusedUdp();
}
