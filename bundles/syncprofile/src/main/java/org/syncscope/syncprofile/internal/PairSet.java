package org.syncscope.syncprofile.internal;

import java.util.Arrays;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.stats.PairTable;

/**
 * The pairs [{@code first}, {@code first + size}) of a profile (all of them, or one partition's):
 * their statistics in one {@link PairTable}, each input's pairs as index arrays, and the few
 * outputs clients have open. Pair indices in and out are the profile's (global) ones. Per pair
 * this is the table's 464 B at window 100, 1 B of pairing state, four ints of index and one
 * reference — no object per pair. Used by one thread at a time (the profile's, or the partition's
 * worker while the profile's thread waits for it).
 *
 * <p><b>Pairing without per-pair sides.</b> A pair takes a sample when one input updates while the
 * other has an update not yet used in a sample of that pair (see {@code PairDiffTracker}). Every
 * update and every restart (a connection change) gets the next number of one sequence; each input
 * keeps its latest update's number and time and its latest restart's number, and each pair only
 * two bits: whether either input's latest update has been used in one of its samples. The other
 * input's update can be paired exactly when the pair has not used it and its number is above both
 * inputs' restarts. So an update reads and writes one byte per pair and a restart touches no pair
 * at all.
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
    /** The profile's index of this set's pair 0, and how many it has. */
    private final int first;
    private final int size;
    /**
     * Per pair (local index): whether each input's latest update has been used in a sample of the
     * pair ({@link #USED_A}, {@link #USED_B}). A byte, not the latest sample's number: half of an
     * input's pairs lie scattered through this array, and 0.5 MB at 500 000 pairs stays in the
     * caches where 4 MB of longs did not.
     */
    private final byte[] used;
    private static final byte USED_A = 1;
    private static final byte USED_B = 2;
    private static final byte USED_BOTH = USED_A | USED_B;
    /** Per input, four longs: latest update's number, its time, its outputs' stamp, latest restart's number. */
    private final long[] inputs;
    private static final int UPDATE_SEQ = 0;
    private static final int TIME = 1;
    private static final int STAMP = 2;
    private static final int RESTART_SEQ = 3;
    /** Per input: the pairs it is A of, and each one's B; the pairs it is B of, and each one's A. */
    private final int[][] asA;
    private final int[][] bOf;
    private final int[][] asB;
    private final int[][] aOf;
    /** 5 values per pair, while some pair shows values from before a restart; else null. */
    private double[] frozen;
    private OpenOutputs[] open;
    /** One update's samples, gathered before they are added: at most an input's pairs. */
    private final int[] hitPairs;
    private final long[] hitSamples;
    private final long[] hitStamps;
    private int[] openList = new int[16];
    private int openCount;

    /** All pairs of {@code layout}. */
    PairSet(PairLayout layout, int inputs, int window) {
        this(layout, inputs, window, 0, layout.size());
    }

    /** The pairs [{@code first}, {@code end}) of {@code layout}. */
    PairSet(PairLayout layout, int inputs, int window, int first, int end) {
        this.layout = layout;
        this.first = first;
        this.size = end - first;
        this.table = new PairTable(size, window);
        this.used = new byte[size];
        this.inputs = new long[4 * inputs];
        int[] aCount = new int[inputs];
        int[] bCount = new int[inputs];
        for (int p = first; p < end; p++) {
            aCount[layout.a(p)]++;
            bCount[layout.b(p)]++;
        }
        asA = new int[inputs][];
        bOf = new int[inputs][];
        asB = new int[inputs][];
        aOf = new int[inputs][];
        int most = 0;
        for (int i = 0; i < inputs; i++) {
            most = Math.max(most, aCount[i] + bCount[i]);
            asA[i] = new int[aCount[i]];
            bOf[i] = new int[aCount[i]];
            asB[i] = new int[bCount[i]];
            aOf[i] = new int[bCount[i]];
        }
        hitPairs = new int[most + 1];   // + 1: the last candidate is written before it is counted
        hitSamples = new long[most + 1];
        hitStamps = new long[most + 1];
        Arrays.fill(aCount, 0);
        Arrays.fill(bCount, 0);
        for (int p = first; p < end; p++) {
            int a = layout.a(p);
            int b = layout.b(p);
            asA[a][aCount[a]] = p - first;
            bOf[a][aCount[a]++] = b;
            asB[b][bCount[b]] = p - first;
            aOf[b][bCount[b]++] = a;
        }
    }

    /** The profile's index of this set's first pair. */
    int first() {
        return first;
    }

    int size() {
        return size;
    }

    /**
     * Input {@code i}'s update number {@code seq}, at {@code time}, its outputs stamped
     * {@code stamp}: samples each of its pairs in this set whose other input has an unused update.
     */
    void update(int i, long seq, long time, long stamp, boolean immediate) {
        long[] in = inputs;
        int self = 4 * i;
        in[self + UPDATE_SEQ] = seq;
        in[self + TIME] = time;
        in[self + STAMP] = stamp;
        long selfRestart = in[self + RESTART_SEQ];
        byte[] used = this.used;
        int[] hitPairs = this.hitPairs;
        long[] hitSamples = this.hitSamples;
        long[] hitStamps = this.hitStamps;
        int hits = 0;
        // First find the samples (reads of one long per pair, mostly in order), then add them all
        // at once, so the table's cache misses overlap (PairTable.addAll).
        int[] pairs = asA[i];
        int[] others = bOf[i];
        for (int k = 0; k < pairs.length; k++) {
            int q = pairs[k];
            int o = 4 * others[k];
            int u = used[q];
            boolean hit = (u & USED_B) == 0 & in[o + UPDATE_SEQ] > Math.max(selfRestart, in[o + RESTART_SEQ]);
            // this update is unused unless it is a sample, which uses B's too
            used[q] = (byte) (hit ? USED_BOTH : u & USED_B);
            // written whether or not it is a sample (then overwritten): no branch to mispredict
            hitPairs[hits] = q;
            hitSamples[hits] = time - in[o + TIME];
            hitStamps[hits] = Math.max(stamp, in[o + STAMP]);
            hits += hit ? 1 : 0;
        }
        pairs = asB[i];
        others = aOf[i];
        for (int k = 0; k < pairs.length; k++) {
            int q = pairs[k];
            int o = 4 * others[k];
            int u = used[q];
            boolean hit = (u & USED_A) == 0 & in[o + UPDATE_SEQ] > Math.max(selfRestart, in[o + RESTART_SEQ]);
            used[q] = (byte) (hit ? USED_BOTH : u & USED_A);
            hitPairs[hits] = q;
            hitSamples[hits] = in[o + TIME] - time;
            hitStamps[hits] = Math.max(stamp, in[o + STAMP]);
            hits += hit ? 1 : 0;
        }
        table.addAll(hitPairs, hitSamples, hits);
        for (int k = 0; k < hits; k++) {
            sampled(hitPairs[k], hitStamps[k], immediate);
        }
    }

    /** Pair {@code p} took a sample: its outputs are valid, stamped no earlier than before, posted if open. */
    private void sampled(int p, long stamp, boolean immediate) {
        int marks = table.marks(p);
        table.setStamp(p, Math.max(table.stamp(p), stamp));   // never earlier than the stamp before
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

    /** Input {@code i} (re)connected or lost its server, event number {@code seq}: its pairs start pairing afresh. */
    void restartPairsOf(int i, long seq) {
        inputs[4 * i + RESTART_SEQ] = seq;
    }

    /**
     * Every pair pairs only updates after event {@code seq}, as a new tracker would; call before
     * {@link #takeOver}, which gives kept pairs their own state back.
     */
    void startPairingAfter(long seq) {
        Arrays.fill(used, USED_BOTH);
    }

    /** Takes an input's pairing state over from {@code old} (same input, kept by an edit). */
    void takeInputOver(PairSet old, int from, int to) {
        System.arraycopy(old.inputs, 4 * from, inputs, 4 * to, 4);
    }

    /** Input {@code i} disconnected: its pairs' outputs go INVALID at once, 1 ns after their stamp. */
    void invalidatePairsOf(int i) {
        for (int q : asA[i]) {
            invalidate(q);
        }
        for (int q : asB[i]) {
            invalidate(q);
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

    boolean contains(int p) {
        return p >= first && p - first < size;
    }

    boolean valid(int p) {
        return validLocal(p - first);
    }

    private boolean validLocal(int q) {
        return (table.marks(q) & INVALID) == 0;
    }

    boolean hasValue(int p) {
        return (table.marks(p - first) & HAS_VALUE) != 0;
    }

    long stamp(int p) {
        return table.stamp(p - first);
    }

    /** The pair's statistics now (not values kept from before a restart), for the console. */
    org.syncscope.stats.Stats stats(int p) {
        return table.stats(p - first);
    }

    double latestSample(int p) {
        return table.latestSample(p - first);
    }

    /** Output {@code slot} (current, avg, min, max, std) of pair {@code p}; NaN without a value. */
    double value(int p, int slot) {
        return valueLocal(p - first, slot);
    }

    private double valueLocal(int p, int slot) {
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
    void open(int pair, int slot, PublishedPv pv) {
        int p = pair - first;
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
        if ((table.marks(p) & HAS_VALUE) != 0) {
            OpenOutputs.post(pv, valueLocal(p, slot), table.stamp(p), validLocal(p));
        }
    }

    /** Forgets {@code pv} if it is the open output {@code slot} of pair {@code p}. */
    void closed(int pair, int slot, PublishedPv pv) {
        int p = pair - first;
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
        boolean valid = validLocal(p);
        for (int slot = 0; slot < OutputField.PER_GROUP; slot++) {
            PublishedPv pv = o.pvs[slot];
            if (pv != null) {
                OpenOutputs.post(pv, valueLocal(p, slot), stamp, valid);
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
    void takeOver(PairSet old, int fromPair, int toPair, boolean restart) {
        int from = fromPair - old.first;
        int to = toPair - first;
        if (!restart) {
            used[to] = old.used[from];
        }
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
            frozen[to * OutputField.PER_GROUP + slot] = old.valueLocal(from, slot);
        }
    }
}
