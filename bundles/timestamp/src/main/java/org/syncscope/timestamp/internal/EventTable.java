package org.syncscope.timestamp.internal;

import static org.syncscope.api.time.TimestampService.EVENT_COUNT;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.Registration;
import org.syncscope.api.time.TimeEventListener;

/**
 * The 256-entry event time table and the listeners of each event. Reads take no lock; listeners
 * are called on the given executor, one event after the other.
 */
final class EventTable {

    private static final Logger LOG = LoggerFactory.getLogger(EventTable.class);

    private final AtomicLongArray times = new AtomicLongArray(EVENT_COUNT);
    /** Each event's latest user tag (0: it came without one); written before its time. */
    private final AtomicLongArray tags = new AtomicLongArray(EVENT_COUNT);
    @SuppressWarnings("unchecked")
    private final List<TimeEventListener>[] listeners = new List[EVENT_COUNT];
    private final Executor listenerThread;

    EventTable(Executor listenerThread) {
        this.listenerThread = listenerThread;
        for (int i = 0; i < EVENT_COUNT; i++) {
            listeners[i] = new CopyOnWriteArrayList<>();
        }
    }

    /** The time {@code event} last occurred, 0 if never. */
    long time(int event) {
        return times.get(event);
    }

    /** The user tag {@code event} last came with, 0 if none (or never). */
    long userTag(int event) {
        return tags.get(event);
    }

    void set(int event, long time) {
        times.set(event, time);
    }

    Registration addListener(int event, TimeEventListener listener) {
        listeners[event].add(listener);
        return () -> listeners[event].remove(listener);
    }

    /** Records {@code event} at {@code time} with its user tag and tells its listeners (on the listener thread). */
    void occurred(int event, long time, long userTag) {
        tags.set(event, userTag);
        times.set(event, time);
        List<TimeEventListener> toCall = listeners[event];
        if (toCall.isEmpty()) {
            return;
        }
        listenerThread.execute(() -> {
            for (TimeEventListener l : toCall) {
                try {
                    l.onEvent(event, time);
                } catch (RuntimeException e) {
                    LOG.warn("time event listener failed on event {}", event, e);
                }
            }
        });
    }

    /** The report's lines for every event seen (1..255), then how many. */
    void report(StringBuilder r) {
        int seen = 0;
        for (int e = 1; e < EVENT_COUNT; e++) {
            long t = times.get(e);
            if (t != 0) {
                long tag = tags.get(e);
                r.append(String.format("  event 0x%02X %s%s%n", e, TimestampEngine.iso(t),
                        tag == 0 ? "" : "  user tag " + tag));
                seen++;
            }
        }
        r.append("  ").append(seen).append(" of 255 events seen\n");
    }
}
