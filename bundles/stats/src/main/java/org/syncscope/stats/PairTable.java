package org.syncscope.stats;

/**
 * The rolling difference statistics of many pairs in flat primitive arrays: what the
 * {@link RollingStats} of each pair's samples would give, at 464 B per pair at window 100 (against
 * 2.7 KB per {@link PairDiffTracker}), with no object per pair. Deciding when a pair has a sample
 * is its owner's (a sync profile pairs its inputs' updates); this table keeps the samples.
 *
 * <p>Each pair keeps one cache line of state (64 B: the exact sums of its window, its window slot
 * and count, flags, its latest sample, a stamp and eight bits of marks for its owner) and a slice
 * of one shared {@code int[]} ring holding its window's samples in ns; so adding a sample touches
 * two cache lines. A sample that does not fit an int (|d| ≥ 2.1 s) moves its pair, for good, to a
 * {@link RollingStats} of its own. The sums are exact: Σd in a long and Σd² in 128 bits, so the
 * mean and the population std are computed from integers when read (rounded once) and never
 * drift; min and max are found by scanning the window when read, since they are read far less
 * often than samples are added (open outputs, summaries, the console).
 *
 * <p>Not thread safe; allocation-free except when a pair becomes wide.
 */
public final class PairTable {

    private static final double NANOS_PER_SECOND = 1e9;
    /** Longs of state per pair: one cache line. */
    private static final int STRIDE = 8;
    /**
     * Longs before pair 0, so that each pair's line is 64-byte aligned in an array that is (the
     * header of a long[] is 16 bytes; large arrays start at a heap region's start).
     */
    private static final int PAD = 6;
    /** owner's marks (bits 56–63) | slot (bits 32–55) | count (bits 8–31) | flags (bits 0–7). */
    private static final int META = 0;
    private static final int STAMP = 1;
    private static final int SUM = 2;
    private static final int SQ_HI = 3;
    private static final int SQ_LO = 4;
    private static final int LATEST_SAMPLE = 5;

    private static final long HAS_SAMPLE = 16;
    private static final long WIDE = 32;
    private static final long FLAGS = 0xFF;
    private static final int MARKS_SHIFT = 56;
    private static final long MARKS = 0xFFL << MARKS_SHIFT;
    private static final long SLOT_MASK = 0xFF_FFFFL;
    private static final int COUNT_SHIFT = 8;
    private static final long COUNT_MASK = 0xFF_FFFFL;
    /** The largest window the packed count holds. */
    public static final int MAX_WINDOW = (int) COUNT_MASK;

    private final int pairs;
    private final int window;
    private final long[] state;
    private final int[] ring;
    /** The pairs whose samples left int range; null until the first. */
    private RollingStats[] wide;
    /** addAll's per-batch reads. */
    private long[] metaScratch = new long[0];
    private int[] leavingScratch = new int[0];

    /**
     * @param pairs  how many pairs
     * @param window samples in each pair's statistics, 1 to {@link #MAX_WINDOW}
     * @throws IllegalArgumentException if the window is out of range or the pairs' windows together exceed one array
     */
    public PairTable(int pairs, int window) {
        if (window < 1 || window > MAX_WINDOW) {
            throw new IllegalArgumentException("window must be 1.." + MAX_WINDOW + ", got " + window);
        }
        if (pairs < 0 || (long) pairs * Math.max(window, STRIDE) > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(pairs + " pairs x window " + window + " samples do not fit one table");
        }
        this.pairs = pairs;
        this.window = window;
        this.state = new long[PAD + pairs * STRIDE];
        this.ring = new int[pairs * window];
    }

    /** Heap bytes per pair at {@code window}: its hot state and its window. */
    public static long bytesPerPair(int window) {
        return STRIDE * 8L + 4L * window;
    }

    public int size() {
        return pairs;
    }

    public int window() {
        return window;
    }

    /** Adds sample {@code d} (ns) to pair {@code p}'s window; the oldest leaves once the window is full. */
    public void add(int p, long d) {
        sample(p, PAD + p * STRIDE, d);
    }

    /**
     * Adds {@code samples[k]} to pair {@code pairs[k]} for k &lt; {@code count}, the pairs distinct
     * (one input update's samples). The same as {@link #add} each, but in three passes — read each
     * pair's state line, then each leaving sample, then update — so the memory reads of different
     * pairs are independent and the CPU overlaps them: with half a million pairs nearly every one
     * is a cache miss, and one at a time they would cost their latency each.
     */
    public void addAll(int[] pairs, long[] samples, int count) {
        if (metaScratch.length < count) {
            metaScratch = new long[Math.max(count, 2 * metaScratch.length)];
            leavingScratch = new int[metaScratch.length];
        }
        long[] metas = metaScratch;
        int[] leaving = leavingScratch;
        for (int k = 0; k < count; k++) {
            metas[k] = state[PAD + pairs[k] * STRIDE + META];
        }
        for (int k = 0; k < count; k++) {
            leaving[k] = ring[pairs[k] * window + (int) ((metas[k] >>> 32) & SLOT_MASK)];
        }
        for (int k = 0; k < count; k++) {
            int p = pairs[k];
            long d = samples[k];
            long meta = metas[k];
            int base = PAD + p * STRIDE;
            if ((meta & WIDE) != 0 || d != (int) d) {
                sample(p, base, d);
            } else {
                narrowSample(p, base, meta, d, leaving[k]);
            }
        }
    }

    private void sample(int p, int base, long d) {
        long meta = state[base + META];
        if ((meta & WIDE) != 0 || d != (int) d) {
            state[base + LATEST_SAMPLE] = d;
            wideSample(p, base, d);
            return;
        }
        narrowSample(p, base, meta, d, ring[p * window + (int) ((meta >>> 32) & SLOT_MASK)]);
    }

    /**
     * Adds {@code d}, which fits an int, to narrow pair {@code p} whose state line holds
     * {@code meta}; {@code leaving} is the sample in its current slot (the oldest, once full).
     */
    private void narrowSample(int p, int base, long meta, long d, long leaving) {
        int slot = (int) ((meta >>> 32) & SLOT_MASK);
        int count = (int) ((meta >>> COUNT_SHIFT) & COUNT_MASK);
        long sum = state[base + SUM] + d;
        long sq = d * d;
        long lo = state[base + SQ_LO];
        long hi = state[base + SQ_HI];
        long nlo = lo + sq;
        if (Long.compareUnsigned(nlo, lo) < 0) {
            hi++;
        }
        if (count == window) {
            sum -= leaving;
            long lsq = leaving * leaving;
            long before = nlo;
            nlo -= lsq;
            if (Long.compareUnsigned(before, lsq) < 0) {
                hi--;
            }
        } else {
            count++;
        }
        ring[p * window + slot] = (int) d;
        state[base + SUM] = sum;
        state[base + SQ_LO] = nlo;
        state[base + SQ_HI] = hi;
        state[base + LATEST_SAMPLE] = d;
        slot = slot + 1 == window ? 0 : slot + 1;
        state[base + META] = (meta & (MARKS | FLAGS)) | ((long) slot << 32) | ((long) count << COUNT_SHIFT) | HAS_SAMPLE;
    }

    /** A pair with a sample beyond int range keeps its window in a RollingStats of seconds from now on. */
    private void wideSample(int p, int base, long d) {
        long meta = state[base + META];
        if ((meta & WIDE) == 0) {
            if (wide == null) {
                wide = new RollingStats[pairs];
            }
            RollingStats s = new RollingStats(window);
            int count = (int) ((meta >>> COUNT_SHIFT) & COUNT_MASK);
            int slot = (int) ((meta >>> 32) & SLOT_MASK);
            int first = count == window ? slot : 0;   // oldest sample first
            for (int k = 0; k < count; k++) {
                int i = first + k;
                s.add(ring[p * window + (i >= window ? i - window : i)] / NANOS_PER_SECOND);
            }
            wide[p] = s;
            meta |= WIDE;
        }
        wide[p].add(d / NANOS_PER_SECOND);
        state[base + META] = meta | HAS_SAMPLE;
    }

    /** Whether pair {@code p} has a sample. */
    public boolean hasSample(int p) {
        return (state[PAD + p * STRIDE + META] & HAS_SAMPLE) != 0;
    }

    /** The latest sample in seconds; NaN before the first. */
    public double latestSample(int p) {
        return hasSample(p) ? state[PAD + p * STRIDE + LATEST_SAMPLE] / NANOS_PER_SECOND : Double.NaN;
    }

    /** The latest sample in ns; 0 before the first. */
    public long latestSampleNanos(int p) {
        return state[PAD + p * STRIDE + LATEST_SAMPLE];
    }

    /** Samples in the window. */
    public long count(int p) {
        long meta = state[PAD + p * STRIDE + META];
        return (meta & WIDE) != 0 ? wide[p].count() : (meta >>> COUNT_SHIFT) & COUNT_MASK;
    }

    /** Mean of the window in seconds; NaN when empty. */
    public double mean(int p) {
        int base = PAD + p * STRIDE;
        long meta = state[base + META];
        if ((meta & WIDE) != 0) {
            return wide[p].mean();
        }
        long n = (meta >>> COUNT_SHIFT) & COUNT_MASK;
        return n == 0 ? Double.NaN : (double) state[base + SUM] / n / NANOS_PER_SECOND;
    }

    /** Population standard deviation of the window in seconds; NaN when empty. */
    public double std(int p) {
        int base = PAD + p * STRIDE;
        long meta = state[base + META];
        if ((meta & WIDE) != 0) {
            return wide[p].std();
        }
        long n = (meta >>> COUNT_SHIFT) & COUNT_MASK;
        if (n == 0) {
            return Double.NaN;
        }
        // n²·variance = n·Σd² − (Σd)², exact in 128 bits (both terms < 2^126 for windows < 2^24).
        long hi = state[base + SQ_HI];
        long lo = state[base + SQ_LO];
        long aLo = lo * n;
        long aHi = unsignedMultiplyHigh(lo, n) + hi * n;
        long s = Math.abs(state[base + SUM]);
        long bLo = s * s;
        long bHi = Math.multiplyHigh(s, s);
        long dLo = aLo - bLo;
        long dHi = aHi - bHi - (Long.compareUnsigned(aLo, bLo) < 0 ? 1 : 0);
        double nSquaredVariance = dHi * 0x1p64 + unsignedToDouble(dLo);
        return Math.sqrt(Math.max(0, nSquaredVariance)) / n / NANOS_PER_SECOND;
    }

    /** Smallest sample of the window in seconds; NaN when empty. */
    public double min(int p) {
        long meta = state[PAD + p * STRIDE + META];
        if ((meta & WIDE) != 0) {
            return wide[p].min();
        }
        int n = (int) ((meta >>> COUNT_SHIFT) & COUNT_MASK);
        if (n == 0) {
            return Double.NaN;
        }
        int from = p * window;
        int m = Integer.MAX_VALUE;
        for (int i = from, end = from + n; i < end; i++) {
            m = Math.min(m, ring[i]);
        }
        return m / NANOS_PER_SECOND;
    }

    /** Largest sample of the window in seconds; NaN when empty. */
    public double max(int p) {
        long meta = state[PAD + p * STRIDE + META];
        if ((meta & WIDE) != 0) {
            return wide[p].max();
        }
        int n = (int) ((meta >>> COUNT_SHIFT) & COUNT_MASK);
        if (n == 0) {
            return Double.NaN;
        }
        int from = p * window;
        int m = Integer.MIN_VALUE;
        for (int i = from, end = from + n; i < end; i++) {
            m = Math.max(m, ring[i]);
        }
        return m / NANOS_PER_SECOND;
    }

    /** A view of pair {@code p}'s statistics (allocates; for the console and tests). */
    public Stats stats(int p) {
        return new Stats() {
            @Override
            public long count() {
                return PairTable.this.count(p);
            }

            @Override
            public double mean() {
                return PairTable.this.mean(p);
            }

            @Override
            public double min() {
                return PairTable.this.min(p);
            }

            @Override
            public double max() {
                return PairTable.this.max(p);
            }

            @Override
            public double std() {
                return PairTable.this.std(p);
            }
        };
    }

    /** The time pair {@code p}'s outputs were last stamped with (kept here for the owner; 0 at first). */
    public long stamp(int p) {
        return state[PAD + p * STRIDE + STAMP];
    }

    public void setStamp(int p, long stampNanos) {
        state[PAD + p * STRIDE + STAMP] = stampNanos;
    }

    /** Eight bits the owner keeps with pair {@code p} (e.g. whether its outputs are valid, served). */
    public int marks(int p) {
        return (int) (state[PAD + p * STRIDE + META] >>> MARKS_SHIFT);
    }

    public void setMarks(int p, int marks) {
        int at = PAD + p * STRIDE + META;
        state[at] = (state[at] & ~MARKS) | ((long) (marks & 0xFF) << MARKS_SHIFT);
    }

    /**
     * Makes pair {@code to} of this table a copy of pair {@code from} of {@code other} (same
     * window): samples, pairing state, marks and stamp. For a reconfiguration that keeps a pair.
     */
    public void copyPair(PairTable other, int from, int to) {
        if (other.window != window) {
            throw new IllegalArgumentException("window " + other.window + " is not this table's " + window);
        }
        System.arraycopy(other.state, PAD + from * STRIDE, state, PAD + to * STRIDE, STRIDE);
        System.arraycopy(other.ring, from * window, ring, to * window, window);
        RollingStats w = other.wide == null ? null : other.wide[from];
        if (w != null) {
            if (wide == null) {
                wide = new RollingStats[pairs];
            }
            wide[to] = w;
        }
    }

    private static long unsignedMultiplyHigh(long x, long y) {
        return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
    }

    private static double unsignedToDouble(long v) {
        double d = (double) (v >>> 1) * 2.0;
        return d + (v & 1);
    }
}
