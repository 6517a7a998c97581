package org.syncscope.cas.command;

import org.syncscope.cas.CaServer;

/** Lets tests of other packages read what {@code pv:list} prints about the network. */
public final class PvListCommandAccess {

    private PvListCommandAccess() {
    }

    public static String network(CaServer server) {
        return PvListCommand.network(server);
    }
}
