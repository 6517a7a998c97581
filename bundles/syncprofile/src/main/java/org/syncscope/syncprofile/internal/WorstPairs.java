package org.syncscope.syncprofile.internal;

import java.util.Arrays;

/**
 * The pairs to look at first among half a million: the {@value #RANKS} with the largest
 * |AvgDiff|, the {@value #RANKS} with the largest StdDiff, and the one with the largest
 * |CurrentDiff|, over pairs with a valid value. One pass over the pairs, a few compares each (a
 * pair enters a ranking only when it beats its last entry); nothing allocated per pair.
 */
final class WorstPairs {

    static final int RANKS = 10;

    final int[] byAvg = new int[RANKS];
    final double[] avg = new double[RANKS];
    final int[] byStd = new int[RANKS];
    final double[] std = new double[RANKS];
    int avgCount;
    int stdCount;
    int largestCurrent = -1;
    double current = Double.NaN;

    private final double[] avgKey = new double[RANKS];
    private final double[] stdKey = new double[RANKS];

    /** Forgets the last ranking. */
    void clear() {
        avgCount = 0;
        stdCount = 0;
        largestCurrent = -1;
        current = Double.NaN;
    }

    /** Ranks the pairs of {@code pairs} among those scanned since {@link #clear()}. */
    void scan(PairSet pairs) {
        for (int p = pairs.first(), n = pairs.first() + pairs.size(); p < n; p++) {
            if (!pairs.hasValue(p) || !pairs.valid(p)) {
                continue;
            }
            double m = pairs.value(p, 1);
            avgCount = insert(byAvg, avg, avgKey, avgCount, p, m, Math.abs(m));
            double s = pairs.value(p, 4);
            stdCount = insert(byStd, std, stdKey, stdCount, p, s, s);
            double c = pairs.value(p, 0);
            if (largestCurrent < 0 || Math.abs(c) > Math.abs(current)) {
                largestCurrent = p;
                current = c;
            }
        }
    }

    /** Inserts pair {@code p} by descending {@code key} if it ranks; returns the new count. */
    private static int insert(int[] pairsOut, double[] values, double[] keys, int count, int p, double value, double key) {
        if (!(key >= 0) || (count == RANKS && key <= keys[RANKS - 1])) {
            return count;   // NaN, or does not rank
        }
        int at = count < RANKS ? count : RANKS - 1;
        while (at > 0 && keys[at - 1] < key) {
            keys[at] = keys[at - 1];
            values[at] = values[at - 1];
            pairsOut[at] = pairsOut[at - 1];
            at--;
        }
        keys[at] = key;
        values[at] = value;
        pairsOut[at] = p;
        return Math.min(count + 1, RANKS);
    }

    double[] avgValues() {
        return Arrays.copyOf(avg, avgCount);
    }

    double[] stdValues() {
        return Arrays.copyOf(std, stdCount);
    }
}
