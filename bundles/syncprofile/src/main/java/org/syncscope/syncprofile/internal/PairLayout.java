package org.syncscope.syncprofile.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The pairs of one configuration as indices into its {@code pvs}: pair {@code p} is inputs
 * {@link #a}(p) &lt; {@link #b}(p), named {@code pvs[a]_vs_pvs[b]}. Immutable, built once per
 * configuration by {@link Pairing#layout}, and safe to share between threads.
 *
 * <p>Order: for {@code all}, {@code chain} and {@code reference:PV}, by a, then b (the order the
 * profile always had); for a listed pairing, the listed order.
 *
 * <p>Memory: {@link #pairsOf} takes two ints per pair (each pair is in the arrays of its two
 * inputs); a listed layout adds its a and b arrays and a hash table of at most four ints per
 * pair; the generated layouts compute a, b and {@link #indexOf} by formula. All pairs of 4 500 PVs
 * (10.1 million pairs) take about 81 MB. Lookups are O(1) and never box.
 */
public abstract class PairLayout {

    private static final int[] NONE = new int[0];

    private final int inputs;
    private final int size;
    /** Per input, the indices of its pairs, increasing. */
    private final int[][] pairsOf;

    private PairLayout(int inputs, int size) {
        this.inputs = inputs;
        this.size = size;
        this.pairsOf = new int[inputs][];
    }

    /** The number of input PVs the layout was built for. */
    public final int inputs() {
        return inputs;
    }

    /** The number of pairs. */
    public final int size() {
        return size;
    }

    /** The index into pvs of the pair's PV listed first (always less than {@link #b}). */
    public abstract int a(int pair);

    /** The index into pvs of the pair's other PV. */
    public abstract int b(int pair);

    /** The pair of inputs {@code x} and {@code y}, in either order; -1 when they are no pair (or x = y). */
    public abstract int indexOf(int x, int y);

    /**
     * The pairs {@code input} is in, increasing. The array is the layout's own, shared by every
     * caller: never modify it.
     */
    public final int[] pairsOf(int input) {
        return pairsOf[input];
    }

    /** The pair's output name stem, {@code pvs[a]_vs_pvs[b]}. */
    public final String name(int pair, List<String> pvs) {
        return Pairing.name(pvs.get(a(pair)), pvs.get(b(pair)));
    }

    /** Sets the pairs of one input (by a layout that computes them). */
    final void setPairsOf(int input, int[] pairs) {
        pairsOf[input] = pairs;
    }

    /** Fills {@link #pairsOf} from {@link #a} and {@link #b} (used by the layouts without a formula for it). */
    final void countPairsOf() {
        int[] degree = new int[inputs];
        for (int p = 0; p < size; p++) {
            degree[a(p)]++;
            degree[b(p)]++;
        }
        for (int i = 0; i < inputs; i++) {
            pairsOf[i] = degree[i] == 0 ? NONE : new int[degree[i]];
        }
        Arrays.fill(degree, 0);
        for (int p = 0; p < size; p++) {
            int x = a(p);
            int y = b(p);
            pairsOf[x][degree[x]++] = p;
            pairsOf[y][degree[y]++] = p;
        }
    }

    private static void checkInputs(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("inputs: " + n);
        }
    }

    /** Every pair of {@code n} inputs, by a then b. */
    static PairLayout all(int n) {
        checkInputs(n);
        return new AllPairs(n);
    }

    /** Input i with input i + 1. */
    static PairLayout chain(int n) {
        checkInputs(n);
        return new ChainPairs(n);
    }

    /** Every other input with input {@code r}, by the other input's index. */
    static PairLayout reference(int n, int r) {
        checkInputs(n);
        Objects.checkIndex(r, n);
        return new ReferencePairs(n, r);
    }

    /** Says which listed pair repeats which earlier one. */
    interface Repeated {
        RuntimeException of(int pair, int earlier);
    }

    /**
     * The pairs (a[p], b[p]) in this order, a[p] &lt; b[p] &lt; n; the arrays become the layout's.
     *
     * @throws RuntimeException from {@code repeated} when a pair is listed twice
     */
    static PairLayout listed(int n, int[] a, int[] b, Repeated repeated) {
        checkInputs(n);
        return new ListedPairs(n, a, b, repeated);
    }

    /** Pair p = (i, j) is p = rowStart[i] + j - i - 1: row i holds the n - 1 - i pairs (i, j > i). */
    private static final class AllPairs extends PairLayout {

        private final int[] rowStart;

        AllPairs(int n) {
            super(n, (int) ((long) n * (n - 1) / 2));
            rowStart = new int[n + 1];
            for (int i = 0; i <= n; i++) {
                rowStart[i] = (int) ((long) i * n - (long) i * (i + 1) / 2);
            }
            for (int k = 0; k < n; k++) {
                int[] mine = n == 1 ? NONE : new int[n - 1];
                int t = 0;
                for (int i = 0; i < k; i++) {
                    mine[t++] = rowStart[i] + k - i - 1;
                }
                for (int p = rowStart[k]; p < rowStart[k + 1]; p++) {
                    mine[t++] = p;
                }
                setPairsOf(k, mine);
            }
        }

        @Override
        public int a(int pair) {
            Objects.checkIndex(pair, size());
            long n = inputs();
            // the row i with rowStart[i] <= pair, from rowStart[i] = i (2n - 1 - i) / 2; then exact
            double m = 2 * n - 1;
            int i = (int) ((m - Math.sqrt(m * m - 8.0 * pair)) / 2);
            i = Math.max(0, Math.min(i, inputs() - 2));
            while (rowStart[i] > pair) {
                i--;
            }
            while (rowStart[i + 1] <= pair) {
                i++;
            }
            return i;
        }

        @Override
        public int b(int pair) {
            int i = a(pair);
            return pair - rowStart[i] + i + 1;
        }

        @Override
        public int indexOf(int x, int y) {
            int i = Math.min(x, y);
            int j = Math.max(x, y);
            return i < 0 || j >= inputs() || i == j ? -1 : rowStart[i] + j - i - 1;
        }
    }

    /** Pair p = (p, p + 1). */
    private static final class ChainPairs extends PairLayout {

        ChainPairs(int n) {
            super(n, Math.max(0, n - 1));
            countPairsOf();
        }

        @Override
        public int a(int pair) {
            return Objects.checkIndex(pair, size());
        }

        @Override
        public int b(int pair) {
            return Objects.checkIndex(pair, size()) + 1;
        }

        @Override
        public int indexOf(int x, int y) {
            int i = Math.min(x, y);
            return i >= 0 && Math.max(x, y) == i + 1 && i + 1 < inputs() ? i : -1;
        }
    }

    /** The other input k is pair k before the reference r, pair k - 1 after it. */
    private static final class ReferencePairs extends PairLayout {

        private final int r;

        ReferencePairs(int n, int r) {
            super(n, n - 1);
            this.r = r;
            countPairsOf();
        }

        private int other(int pair) {
            Objects.checkIndex(pair, size());
            return pair < r ? pair : pair + 1;
        }

        @Override
        public int a(int pair) {
            return Math.min(other(pair), r);
        }

        @Override
        public int b(int pair) {
            return Math.max(other(pair), r);
        }

        @Override
        public int indexOf(int x, int y) {
            int k = x == r ? y : y == r ? x : -1;
            if (k < 0 || k >= inputs() || k == r) {
                return -1;
            }
            return k < r ? k : k - 1;
        }
    }

    /** Stored a and b, found by an open-addressing table of pair indices keyed by (a, b). */
    private static final class ListedPairs extends PairLayout {

        private final int[] as;
        private final int[] bs;
        /** Pair indices by hash of (a, b), linear probing, -1 = empty; at most half full. */
        private final int[] table;
        private final int shift;

        ListedPairs(int n, int[] a, int[] b, Repeated repeated) {
            super(n, a.length);
            if (b.length != a.length) {
                throw new IllegalArgumentException("a and b differ in length");
            }
            this.as = a;
            this.bs = b;
            int capacity = Integer.highestOneBit(Math.max(2, a.length) * 2 - 1) << 1;
            table = new int[capacity];
            shift = 64 - Integer.numberOfTrailingZeros(capacity);
            Arrays.fill(table, -1);
            for (int p = 0; p < a.length; p++) {
                if (a[p] < 0 || a[p] >= b[p] || b[p] >= n) {
                    throw new IllegalArgumentException("pair " + p + " is (" + a[p] + ", " + b[p] + ") of " + n
                            + " inputs");
                }
                int slot = slot(a[p], b[p]);
                while (table[slot] >= 0) {
                    int there = table[slot];
                    if (as[there] == a[p] && bs[there] == b[p]) {
                        throw repeated.of(p, there);
                    }
                    slot = (slot + 1) & (table.length - 1);
                }
                table[slot] = p;
            }
            countPairsOf();
        }

        private int slot(int x, int y) {
            // Fibonacci hashing of the two indices: neighbouring pairs spread over the table
            return (int) (((((long) x << 32) | y) * 0x9E3779B97F4A7C15L) >>> shift);
        }

        @Override
        public int a(int pair) {
            return as[pair];
        }

        @Override
        public int b(int pair) {
            return bs[pair];
        }

        @Override
        public int indexOf(int x, int y) {
            int i = Math.min(x, y);
            int j = Math.max(x, y);
            if (i < 0 || j >= inputs() || i == j) {
                return -1;
            }
            for (int slot = slot(i, j); ; slot = (slot + 1) & (table.length - 1)) {
                int p = table[slot];
                if (p < 0 || (as[p] == i && bs[p] == j)) {
                    return p;
                }
            }
        }
    }

}
