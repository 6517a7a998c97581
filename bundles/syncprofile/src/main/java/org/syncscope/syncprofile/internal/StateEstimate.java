package org.syncscope.syncprofile.internal;

/**
 * The heap a profile's state needs, estimated before it is built so a profile that cannot fit is
 * refused with the figure instead of swelling the JVM. Per input PV, its frequency tracker: a
 * rolling window of doubles with two sliding-extreme arrays, 24 bytes per sample, and about
 * {@value #BYTES_PER_INPUT} B of objects. Per pair, its row of the profile's {@code PairTable}
 * ({@link org.syncscope.stats.PairTable#bytesPerPair}: 64 B and 4 B per sample) and
 * {@value #BYTES_PER_PAIR_INDEX} B of index, pairing byte and output slot. Output PVs cost nothing until a client
 * opens one (about 1 KB each while open, in the CA server). Queued updates take about
 * {@value #BYTES_PER_QUEUED} bytes each when the queue is full. An edit builds the new pairs before
 * it drops the old ones, so it briefly needs the pairs' share twice.
 */
final class StateEstimate {

    static final long BYTES_PER_SAMPLE = 24;
    static final long BYTES_PER_INPUT = 400;
    static final long BYTES_PER_PAIR_INDEX = 21;
    static final long BYTES_PER_QUEUED = 120;

    private StateEstimate() {
    }

    static long bytes(ProfileSettings s) {
        return s.pvs().size() * perInput(s) + s.pairCount() * perPair(s) + BYTES_PER_QUEUED * s.queueCapacity();
    }

    private static long perInput(ProfileSettings s) {
        return BYTES_PER_INPUT + BYTES_PER_SAMPLE * s.window();
    }

    private static long perPair(ProfileSettings s) {
        return org.syncscope.stats.PairTable.bytesPerPair(s.window()) + BYTES_PER_PAIR_INDEX;
    }

    /** The estimate as the refusal message shows it. */
    static String explain(ProfileSettings s) {
        return String.format("%d PVs + %d pairs = %d x %d B + %d x %d B (window %d) + queue %d x %d B = %s",
                s.pvs().size(), s.pairCount(), s.pvs().size(), perInput(s), s.pairCount(), perPair(s), s.window(),
                s.queueCapacity(), BYTES_PER_QUEUED, mb(bytes(s)));
    }

    static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1e6);
    }
}
