package org.syncscope.cas.command;

import org.syncscope.cas.CaServer;

/** Lets tests of other packages read what {@code pv:list} prints. */
public final class PvListCommandAccess {

    private PvListCommandAccess() {
    }

    public static String network(CaServer server) {
        return PvListCommand.network(server);
    }

    /** What {@code pv:list [PATTERN] [--max MAX]} prints (pattern null: none given). */
    public static String print(CaServer server, String pattern, int max) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        PvListCommand.print(server, pattern, max, new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The rows {@code pv:list} shows unless told otherwise. */
    public static int defaultMax() {
        return PvListCommand.DEFAULT_MAX;
    }
}
