package org.syncscope.timestamp.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The promise that time never goes back, kept without a lock: a reading earlier than one already
 * handed out is replaced by that one and counted ("backwards time prevented").
 */
final class TimeGuard {

    private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong prevented = new AtomicLong();

    /** {@code candidate}, or the latest time handed out if that is later. */
    long pass(long candidate) {
        while (true) {
            long previous = last.get();
            if (candidate < previous) {
                prevented.incrementAndGet();
                return previous;
            }
            if (candidate == previous || last.compareAndSet(previous, candidate)) {
                return candidate;
            }
        }
    }

    /** The latest time handed out (Long.MIN_VALUE before the first). */
    long last() {
        return last.get();
    }

    long prevented() {
        return prevented.get();
    }
}
