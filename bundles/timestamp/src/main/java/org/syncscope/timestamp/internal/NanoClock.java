package org.syncscope.timestamp.internal;

import org.syncscope.api.time.EpicsTime;
import java.time.Instant;

/** The two clocks the timestamp driver reads; tests substitute a controllable one. */
public interface NanoClock {

    /** A monotonic count of ns (System.nanoTime): never jumps. */
    long monotonicNanos();

    /** The host's wall clock in ns since the Unix epoch: may jump either way. */
    long wallNanos();

    /** The real monotonic clock with {@code wall} as the wall clock (e.g. an engine's own time). */
    static NanoClock withWall(java.util.function.LongSupplier wall) {
        return new NanoClock() {
            @Override
            public long monotonicNanos() {
                return System.nanoTime();
            }

            @Override
            public long wallNanos() {
                return wall.getAsLong();
            }
        };
    }

    /** The real clocks, the wall clock shifted by {@code nanos} (a host whose clock is off). */
    static NanoClock systemShiftedBy(long nanos) {
        return withWall(() -> SYSTEM.wallNanos() + nanos);
    }

    /** The real clocks. */
    NanoClock SYSTEM = new NanoClock() {
        @Override
        public long monotonicNanos() {
            return System.nanoTime();
        }

        @Override
        public long wallNanos() {
            return EpicsTime.unixNanos(Instant.now());
        }
    };
}
