package org.syncscope.timestamp.command;

import java.time.Instant;

/** ns since the Unix epoch as ISO-8601 with all nine decimals. */
final class TimeFormat {

    private TimeFormat() {
    }

    static String iso(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)).toString();
    }
}
