package org.syncscope.syncprofile.internal;

import java.util.List;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;

/**
 * A profile's own health PVs, {@code SYNCPROFILE:{name}:QueuedUpdates} and {@code :DroppedUpdates},
 * posted once a second when they change (never per update). Dropped updates raise a MINOR alarm, so
 * an overloaded profile shows on an alarm screen. Used on the profile's thread.
 */
final class StatusOutputs {

    static final String PREFIX = "SYNCPROFILE:";

    private final List<PvSpec> specs;
    private PublishedPv queued;
    private PublishedPv dropped;
    private long lastQueued = -1;
    private long lastDropped = -1;

    StatusOutputs(String profile, PvPublisher publisher) {
        String base = PREFIX + profile;
        specs = List.of(
                PvSpec.ofLong(base + ":QueuedUpdates", "", "updates waiting in the profile's queue"),
                PvSpec.ofLong(base + ":DroppedUpdates", "", "updates dropped because the queue was full"));
        attach(publisher);
    }


    void attach(PvPublisher publisher) {
        close();
        if (publisher != null) {
            queued = publisher.publish(specs.get(0));
            try {
                dropped = publisher.publish(specs.get(1));
            } catch (RuntimeException e) {
                close();
                throw e;
            }
            lastQueued = -1;
            lastDropped = -1;
        }
    }

    void post(long queuedNow, long droppedNow, long timeNanos) {
        if (queued == null) {
            return;
        }
        if (queuedNow != lastQueued) {
            queued.post(new PvValue.LongValue(queuedNow), timeNanos, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
            lastQueued = queuedNow;
        }
        if (droppedNow != lastDropped) {
            boolean any = droppedNow > 0;
            dropped.post(new PvValue.LongValue(droppedNow), timeNanos, any ? AlarmSeverity.MINOR : AlarmSeverity.NO_ALARM,
                    any ? AlarmStatus.HIGH : AlarmStatus.NO_ALARM);
            lastDropped = droppedNow;
        }
    }

    void close() {
        for (PublishedPv pv : new PublishedPv[] {queued, dropped}) {
            if (pv != null) {
                try {
                    pv.close();
                } catch (RuntimeException gone) {
                    // its publisher withdrew it already
                }
            }
        }
        queued = null;
        dropped = null;
    }
}
