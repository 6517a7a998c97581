package org.syncscope.syncprofile.internal;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Logs a repeated failure once, then once a minute with how many times it happened since, so a
 * failure per update (thousands a second) can neither flood nor rotate away the log, and the
 * first occurrence, with its stack trace, stays in it. Used on one thread.
 */
final class FailureLog {

    static final long SUMMARY_PERIOD_NANOS = 60_000_000_000L;

    private final Logger log;
    private final String who;
    private final Map<String, Entry> seen = new HashMap<>();

    private static final class Entry {
        long since;
        long count;
        String last;
    }

    FailureLog(Logger log, String who) {
        this.log = log;
        this.who = who;
    }

    /** One occurrence of the failure {@code what}. */
    void failed(String what, Throwable cause) {
        failed(what, String.valueOf(cause), cause, System.nanoTime());
    }

    /** One occurrence of {@code what} with a message and no stack trace (an expected condition). */
    void warn(String what, String message) {
        failed(what, message, null, System.nanoTime());
    }

    void failed(String what, String message, Throwable cause, long now) {
        Entry e = seen.get(what);
        if (e == null) {
            e = new Entry();
            e.since = now;
            seen.put(what, e);
            if (cause != null) {
                log.error("{}: {} failed: {} (repeats are counted and logged once a minute)", who, what, message, cause);
            } else {
                log.warn("{}: {}: {} (repeats are counted and logged once a minute)", who, what, message);
            }
            return;
        }
        e.count++;
        e.last = message;
        if (now - e.since >= SUMMARY_PERIOD_NANOS) {
            log.warn("{}: {}: {} more times in the last {} s, the latest: {}", who, what, e.count,
                    (now - e.since) / 1_000_000_000L, e.last);
            e.since = now;
            e.count = 0;
        }
    }
}
