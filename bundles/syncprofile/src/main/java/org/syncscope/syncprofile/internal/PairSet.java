package org.syncscope.syncprofile.internal;

import java.util.Arrays;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.stats.PairTable;

/**
 * A profile's pairs: their statistics in one {@link PairTable}, each input's pairs as index arrays,
 * and the few outputs clients have open. Per pair this is the table's ~464 B at window 100, four
 * ints of index and one reference — no object per pair. An input update walks its pairs' arrays;
 * a pair sample costs the table's work plus a stamp, and a post only when a client has that
 * pair's outputs open. Profile thread only (or, when partitioned, each range on its own thread).
 *
 * <p>A pair's five outputs share one timestamp and validity, kept in the table: the stamp of each
 * sample is the later of its two updates' times, never earlier than the stamp before; a disconnect
 * marks them INVALID, 1 ns after that stamp.
 */
final class PairSet {

    /** Marks kept in the table per pair. */
    static final int INVALID = 1;
    static final int HAS_VALUE = 2;
    static final int DIRTY = 4;
    static final int OPEN = 8;
    /** Values from before a restart are read until the pair's first new sample. */
    static final int FROZEN = 16;

    final PairLayout layout;
    final PairTable table;
    /** Per input: the pairs it is A of, and each one's B; the pairs it is B of, and each one's A. */
    private final int[][] asA;
    private final int[][] bOf;
    private final int[][] asB;
    private final int[][] aOf;
    /** 5 values per pair, while some pair shows values from before a restart; else null. */
    private double[] frozen;
    private OpenOutputs[] open;
    private int[] openList = new int[16];
    private int openCount;

    PairSet(PairLayout layout, int inputs, int window) {
        this.layout = layout;
        this.table = new PairTable(layout.size(), window);
        int[] aCount = new int[inputs];
        int[] bCount = new int[inputs];
        for (int p = 0, n = layout.size(); p < n; p++) {
            aCount[layout.a(p)]++;
            bCount[layout.b(p)]++;
        }
        asA = new int[inputs][];
        bOf = new int[inputs][];
        asB = new int[inputs][];
        aOf = new int[inputs][];
        for (int i = 0; i < inputs; i++) {
            asA[i] = new int[aCount[i]];
            bOf[i] = new int[aCount[i]];
            asB[i] = new int[bCount[i]];
            aOf[i] = new int[bCount[i]];
        }
        Arrays.fill(aCount, 0);
        Arrays.fill(bCount, 0);
        for (int p = 0, n = layout.size(); p < n; p++) {
            int a = layout.a(p);
            int b = layout.b(p);
            asA[a][aCount[a]] = p;
            bOf[a][aCount[a]++] = b;
            asB[b][bCount[b]] = p;
            aOf[b][bCount[b]++] = a;
        }
    }

    int size() {
        return layout.size();
    }

    /**
     * Input {@code i} updated at {@code time}, its outputs stamped {@code stamp}; {@code stamps}
     * holds every input's latest stamp. Samples the input's pairs whose index is in
     * [{@code fromPair}, {@code toPair}): all of them (0, {@link #size()}), or one partition's.
     */
    void update(int i, long time, long stamp, long[] stamps, boolean immediate, int fromPair, int toPair) {
        int[] pairs = asA[i];
        int[] others = bOf[i];
        for (int k = start(pairs, fromPair), end = start(pairs, toPair); k < end; k++) {
            int p = pairs[k];
            if (table.updateA(p, time)) {
                sampled(p, Math.max(stamp, stamps[others[k]]), immediate);
            }
        }
        pairs = asB[i];
        others = aOf[i];
        for (int k = start(pairs, fromPair), end = start(pairs, toPair); k < end; k++) {
            int p = pairs[k];
            if (table.updateB(p, time)) {
                sampled(p, Math.max(stamp, stamps[others[k]]), immediate);
            }
        }
    }

    /** The first position in the increasing {@code pairs} holding an index ≥ {@code pair}. */
    private static int start(int[] pairs, int pair) {
        if (pairs.length == 0 || pair <= pairs[0]) {
            return 0;
        }
        if (pair > pairs[pairs.length - 1]) {
            return pairs.length;
        }
        int at = Arrays.binarySearch(pairs, pair);
        return at >= 0 ? at : -at - 1;
    }

    private void sampled(int p, long stamp, boolean immediate) {
        int marks = table.marks(p);
        table.setStamp(p, Math.max(table.stamp(p), stamp));
        marks = (marks & ~(INVALID | FROZEN)) | HAS_VALUE;
        if ((marks & OPEN) != 0) {
            if (immediate) {
                table.setMarks(p, marks & ~DIRTY);
                post(p);
                return;
            }
            marks |= DIRTY;
        }
        table.setMarks(p, marks);
    }

    /** Input {@code i} (re)connected or lost its server: its pairs start pairing afresh. */
    void restartPairsOf(int i) {
        for (int p : asA[i]) {
            table.restart(p);
        }
        for (int p : asB[i]) {
            table.restart(p);
        }
    }

    /** Input {@code i} disconnected: its pairs' outputs go INVALID at once, 1 ns after their stamp. */
    void invalidatePairsOf(int i) {
        for (int p : asA[i]) {
            invalidate(p);
        }
        for (int p : asB[i]) {
            invalidate(p);
        }
    }

    private void invalidate(int p) {
        int marks = table.marks(p);
        if ((marks & INVALID) != 0) {
            return;
        }
        marks |= INVALID;
        if ((marks & HAS_VALUE) != 0) {
            table.setStamp(p, table.stamp(p) + 1);
            if ((marks & OPEN) != 0) {
                table.setMarks(p, marks & ~DIRTY);
                post(p);
                return;
            }
        }
        table.setMarks(p, marks);
    }

    boolean valid(int p) {
        return (table.marks(p) & INVALID) == 0;
    }

    boolean hasValue(int p) {
        return (table.marks(p) & HAS_VALUE) != 0;
    }

    long stamp(int p) {
        return table.stamp(p);
    }

    /** Output {@code slot} (current, avg, min, max, std) of pair {@code p}; NaN without a value. */
    double value(int p, int slot) {
        int marks = table.marks(p);
        if ((marks & FROZEN) != 0) {
            return frozen[p * OutputField.PER_GROUP + slot];
        }
        switch (slot) {
            case 0:
                return table.latestSample(p);
            case 1:
                return table.mean(p);
            case 2:
                return table.min(p);
            case 3:
                return table.max(p);
            default:
                return table.std(p);
        }
    }

    // --- open outputs ---

    /** Serves output {@code slot} of pair {@code p} through {@code pv} from now on, posting its value if it has one. */
    void open(int p, int slot, PublishedPv pv) {
        if (open == null) {
            open = new OpenOutputs[table.size()];
        }
        OpenOutputs o = open[p];
        if (o == null) {
            o = new OpenOutputs();
            open[p] = o;
            list(p, o);
            table.setMarks(p, table.marks(p) | OPEN);
        }
        if (o.pvs[slot] != null && o.pvs[slot] != pv) {
            o.pvs[slot].close();
        }
        o.pvs[slot] = pv;
        if (hasValue(p)) {
            OpenOutputs.post(pv, value(p, slot), table.stamp(p), valid(p));
        }
    }

    /** Forgets {@code pv} if it is the open output {@code slot} of pair {@code p}. */
    void closed(int p, int slot, PublishedPv pv) {
        OpenOutputs o = open == null ? null : open[p];
        if (o == null || o.pvs[slot] != pv) {
            return;
        }
        o.pvs[slot] = null;
        if (o.isEmpty()) {
            unlist(o);
            open[p] = null;
            table.setMarks(p, table.marks(p) & ~(OPEN | DIRTY));
        }
    }

    /** Posts the open outputs of pairs changed since their last post (the publish-rate tick). */
    void flush() {
        for (int k = 0; k < openCount; k++) {
            int p = openList[k];
            int marks = table.marks(p);
            if ((marks & DIRTY) != 0) {
                table.setMarks(p, marks & ~DIRTY);
                post(p);
            }
        }
    }

    private void post(int p) {
        OpenOutputs o = open[p];
        long stamp = table.stamp(p);
        boolean valid = valid(p);
        for (int slot = 0; slot < OutputField.PER_GROUP; slot++) {
            PublishedPv pv = o.pvs[slot];
            if (pv != null) {
                OpenOutputs.post(pv, value(p, slot), stamp, valid);
            }
        }
    }

    /** Closes every open output (clients see them go). */
    void closeAll() {
        for (int k = 0; k < openCount; k++) {
            OpenOutputs o = open[openList[k]];
            o.closeAll();
            table.setMarks(openList[k], table.marks(openList[k]) & ~(OPEN | DIRTY));
            open[openList[k]] = null;
        }
        openCount = 0;
    }

    /** Pairs with open outputs now. */
    int openPairs() {
        return openCount;
    }

    private void list(int p, OpenOutputs o) {
        if (openCount == openList.length) {
            openList = Arrays.copyOf(openList, openCount * 2);
        }
        o.listed = openCount;
        openList[openCount++] = p;
    }

    /** Takes {@code o} (still in {@code open}) off the list: the last entry moves into its place. */
    private void unlist(OpenOutputs o) {
        int at = o.listed;
        int last = openList[--openCount];
        openList[at] = last;
        open[last].listed = at;
        o.listed = -1;
    }

    // --- carrying pairs over an edit ---

    /**
     * Takes pair {@code from} of {@code old} over as pair {@code to}: with its samples when the
     * window and timestamp mode are unchanged, else only its values (shown until its first new
     * sample), stamp and validity; its open outputs in both cases.
     */
    void takeOver(PairSet old, int from, int to, boolean restart) {
        int marks = old.table.marks(from);
        if (!restart) {
            table.copyPair(old.table, from, to);
            if ((marks & FROZEN) != 0) {
                keepValues(to, old, from);
            }
        } else {
            table.setStamp(to, old.table.stamp(from));
            if ((marks & HAS_VALUE) != 0) {
                keepValues(to, old, from);
                marks |= FROZEN;
            }
            table.setMarks(to, marks);
        }
        OpenOutputs o = old.open == null ? null : old.open[from];
        if (o != null) {
            if (open == null) {
                open = new OpenOutputs[table.size()];
            }
            old.unlist(o);
            old.open[from] = null;
            open[to] = o;
            list(to, o);
        }
    }

    private void keepValues(int to, PairSet old, int from) {
        if (frozen == null) {
            frozen = new double[table.size() * OutputField.PER_GROUP];
        }
        for (int slot = 0; slot < OutputField.PER_GROUP; slot++) {
            frozen[to * OutputField.PER_GROUP + slot] = old.value(from, slot);
        }
    }
}
