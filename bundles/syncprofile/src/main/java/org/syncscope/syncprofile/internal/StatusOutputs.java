package org.syncscope.syncprofile.internal;

import java.util.ArrayList;
import java.util.List;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;

/**
 * A profile's own health PVs, posted once a second (never per update):
 * {@code SYNCPROFILE:{name}:QueuedUpdates}, {@code :DroppedUpdates} (MINOR/HIGH once any was
 * dropped, so an overloaded profile shows on an alarm screen), {@code :ProcessedUpdates} (since
 * the start; a double, since a 32-bit DBR_LONG would wrap after 2.4 days at 10 000 updates/s),
 * {@code :LatencyP50} and {@code :LatencyP99} (s, from an update's source time to the end of its
 * posts, over the last second; NaN in a second without updates). Used on the profile's thread.
 */
final class StatusOutputs {

    static final String PREFIX = "SYNCPROFILE:";

    private final List<PvSpec> specs;
    private final List<PublishedPv> pvs = new ArrayList<>();
    private long lastQueued = -1;
    private long lastDropped = -1;
    private long lastProcessed = -1;

    StatusOutputs(String profile, PvPublisher publisher) {
        String base = PREFIX + profile;
        specs = List.of(
                PvSpec.ofLong(base + ":QueuedUpdates", "", "updates waiting in the profile's queue"),
                PvSpec.ofLong(base + ":DroppedUpdates", "", "updates dropped because the queue was full"),
                PvSpec.ofDouble(base + ":ProcessedUpdates", "", 0, "updates processed since the profile started"),
                PvSpec.ofDouble(base + ":LatencyP50", "s", 6, "median source time to outputs posted, last second"),
                PvSpec.ofDouble(base + ":LatencyP99", "s", 6, "99th percentile source time to outputs posted, last second"));
        attach(publisher);
    }

    void attach(PvPublisher publisher) {
        close();
        if (publisher != null) {
            try {
                for (PvSpec spec : specs) {
                    pvs.add(publisher.publish(spec));
                }
            } catch (RuntimeException e) {
                close();
                throw e;
            }
            lastQueued = -1;
            lastDropped = -1;
            lastProcessed = -1;
        }
    }

    void post(long queuedNow, long droppedNow, long processedNow, LatencyHistogram latency, long timeNanos) {
        if (pvs.isEmpty()) {
            return;
        }
        if (queuedNow != lastQueued) {
            pvs.get(0).post(new PvValue.LongValue(queuedNow), timeNanos, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
            lastQueued = queuedNow;
        }
        if (droppedNow != lastDropped) {
            boolean any = droppedNow > 0;
            pvs.get(1).post(new PvValue.LongValue(droppedNow), timeNanos, any ? AlarmSeverity.MINOR : AlarmSeverity.NO_ALARM,
                    any ? AlarmStatus.HIGH : AlarmStatus.NO_ALARM);
            lastDropped = droppedNow;
        }
        if (processedNow != lastProcessed) {
            pvs.get(2).post((double) processedNow, timeNanos, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
            lastProcessed = processedNow;
        }
        pvs.get(3).post(latency.quantileSeconds(0.5), timeNanos, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        pvs.get(4).post(latency.quantileSeconds(0.99), timeNanos, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
    }

    void close() {
        for (PublishedPv pv : pvs) {
            try {
                pv.close();
            } catch (RuntimeException gone) {
                // its publisher withdrew it already
            }
        }
        pvs.clear();
    }
}
