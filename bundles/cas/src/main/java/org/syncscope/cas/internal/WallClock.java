package org.syncscope.cas.internal;

import java.time.Instant;

/** Wall-clock time in ns since the Unix epoch, at the resolution the JVM has. */
final class WallClock {

    private WallClock() {
    }

    static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
