package org.syncscope.syncprofile.internal;

import org.syncscope.api.pv.PublishedPv;
import org.syncscope.stats.Stats;

/**
 * A profile's pairs, split into contiguous ranges of pair indices when one core is not enough
 * ({@code pairThreads}): the first range is computed on the profile's thread, each other on its
 * {@link PairWorker}. Every update goes to every range in the same order, so each pair sees what
 * it would with one range and the results are identical; the ranges never share a pair. Every
 * other operation waits for the workers to be idle first ({@link #quiet()}), so it sees and
 * changes the pairs between two updates, as with one range. Used on the profile's thread.
 */
final class PairPartitions {

    final PairLayout layout;
    private final PairSet[] parts;
    private final PairWorker[] workers;

    PairPartitions(String profile, PairLayout layout, int inputs, int window, int threads) {
        this.layout = layout;
        int n = Math.max(1, Math.min(threads, layout.size()));
        parts = new PairSet[n];
        workers = new PairWorker[n - 1];
        for (int k = 0; k < n; k++) {
            parts[k] = new PairSet(layout, inputs, window, (int) ((long) layout.size() * k / n),
                    (int) ((long) layout.size() * (k + 1) / n));
        }
        for (int k = 1; k < n; k++) {
            workers[k - 1] = new PairWorker(profile, k, parts[k]);
        }
    }

    int size() {
        return layout.size();
    }

    int partitions() {
        return parts.length;
    }

    /** Input {@code i}'s update {@code seq}: the workers' ranges are handed it, the first is done here. */
    void update(int i, long seq, long time, long stamp, boolean immediate) {
        for (PairWorker w : workers) {
            w.submit(i, seq, time, stamp, immediate);
        }
        parts[0].update(i, seq, time, stamp, immediate);
    }

    /** Waits until every range has applied every update handed over. */
    void quiet() {
        for (PairWorker w : workers) {
            w.awaitIdle();
        }
    }

    void restartPairsOf(int i, long seq) {
        quiet();
        for (PairSet s : parts) {
            s.restartPairsOf(i, seq);
        }
    }

    void invalidatePairsOf(int i) {
        quiet();
        for (PairSet s : parts) {
            s.invalidatePairsOf(i);
        }
    }

    void startPairingAfter(long seq) {
        for (PairSet s : parts) {
            s.startPairingAfter(seq);
        }
    }

    /** Takes pair {@code from} of {@code old} over as pair {@code to} (see {@link PairSet#takeOver}). */
    void takeOver(PairPartitions old, int from, int to, boolean restart) {
        partOf(to).takeOver(old.partOf(from), from, to, restart);
    }

    /** Takes input {@code from}'s pairing state of {@code old} over as input {@code to}'s (the same in every range). */
    void takeInputOver(PairPartitions old, int from, int to) {
        for (PairSet s : parts) {
            s.takeInputOver(old.parts[0], from, to);
        }
    }

    boolean hasValue(int p) {
        return partOf(p).hasValue(p);
    }

    boolean valid(int p) {
        return partOf(p).valid(p);
    }

    long stamp(int p) {
        return partOf(p).stamp(p);
    }

    double value(int p, int slot) {
        return partOf(p).value(p, slot);
    }

    Stats stats(int p) {
        return partOf(p).stats(p);
    }

    double latestSample(int p) {
        return partOf(p).latestSample(p);
    }

    void open(int p, int slot, PublishedPv pv) {
        partOf(p).open(p, slot, pv);
    }

    void closed(int p, int slot, PublishedPv pv) {
        partOf(p).closed(p, slot, pv);
    }

    void flush() {
        quiet();
        for (PairSet s : parts) {
            s.flush();
        }
    }

    void closeAll() {
        quiet();
        for (PairSet s : parts) {
            s.closeAll();
        }
    }

    /** Ranks the worst pairs over every range. */
    void rank(WorstPairs worst) {
        quiet();
        worst.clear();
        for (PairSet s : parts) {
            worst.scan(s);
        }
    }

    /** Stops the workers (after an edit replaced these partitions, or at the profile's end). */
    void stop() {
        quiet();
        for (PairWorker w : workers) {
            w.stop();
        }
    }

    /** The range holding pair {@code p}; the caller has made the workers {@link #quiet()}. */
    private PairSet partOf(int p) {
        if (parts.length == 1) {
            return parts[0];
        }
        quiet();
        int lo = 0;
        int hi = parts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (parts[mid].first() <= p) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return parts[lo];
    }
}
