package org.syncscope.syncprofile.internal;

/**
 * The heap a profile's state needs, estimated before it is built so a profile that cannot fit is
 * refused with the figure instead of swelling the JVM. Per tracker (one per input PV and one per
 * pair) the rolling window keeps a ring and two sliding-extreme arrays of doubles: 24 bytes per
 * sample. Each output PV (five per input, five per pair) costs its served PV in the CA server,
 * its name and its profile-side record. Measured with the bench's SyncProfileThroughput at 200 PVs
 * (20 100 trackers, window 100, real CA server): 120.2 MB of heap, 5 980 B per tracker; the
 * constants give 6 300 B, a little above. Queued updates take about {@value #BYTES_PER_QUEUED}
 * bytes each when the queue is full.
 */
final class StateEstimate {

    static final long BYTES_PER_SAMPLE = 24;
    static final long BYTES_PER_TRACKER = 400;
    static final long BYTES_PER_OUTPUT = 700;
    static final long BYTES_PER_QUEUED = 120;
    static final int OUTPUTS_PER_TRACKER = 5;

    private StateEstimate() {
    }

    static long bytes(ProfileSettings s) {
        long trackers = s.pvs().size() + s.pairCount();
        long perTracker = BYTES_PER_TRACKER + BYTES_PER_SAMPLE * s.window() + OUTPUTS_PER_TRACKER * BYTES_PER_OUTPUT;
        return trackers * perTracker + BYTES_PER_QUEUED * s.queueCapacity();
    }

    /** The estimate as the refusal message shows it. */
    static String explain(ProfileSettings s) {
        return String.format("%d PVs + %d pairs = %d trackers x (window %d x %d B + %d outputs x %d B + %d B)"
                        + " + queue %d x %d B = %s", s.pvs().size(), s.pairCount(), s.pvs().size() + s.pairCount(),
                s.window(), BYTES_PER_SAMPLE, OUTPUTS_PER_TRACKER, BYTES_PER_OUTPUT, BYTES_PER_TRACKER,
                s.queueCapacity(), BYTES_PER_QUEUED, mb(bytes(s)));
    }

    static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1e6);
    }
}
