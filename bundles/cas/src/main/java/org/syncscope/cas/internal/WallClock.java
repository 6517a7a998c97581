package org.syncscope.cas.internal;

import org.syncscope.api.time.EpicsTime;
import java.time.Instant;

/** Wall-clock time in ns since the Unix epoch, at the resolution the JVM has. */
final class WallClock {

    private WallClock() {
    }

    static long nowNanos() {
        return EpicsTime.unixNanos(Instant.now());
    }
}
