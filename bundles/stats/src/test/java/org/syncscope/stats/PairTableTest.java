package org.syncscope.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each pair of the flat table gives what a {@link RollingStats} of its samples (in seconds) would. */
class PairTableTest {

    @Test
    void everyPairAgreesWithItsOwnRollingStats() {
        for (int window : new int[] {1, 2, 7, 100}) {
            compare(window, 12, 40_000, 3_000_000L, 11);
        }
    }

    @Test
    void pairsWhoseSamplesLeaveIntRangeAgreeToo() {
        // samples of up to ±5 s: beyond 2.1 s a pair moves to wide storage, its window kept
        compare(10, 6, 5_000, 5_000_000_000L, 5);
    }

    @Test
    void addingInBatchesIsAddingOneByOne() {
        SplittableRandom random = new SplittableRandom(9);
        PairTable one = new PairTable(50, 7);
        PairTable batch = new PairTable(50, 7);
        int[] pairs = new int[20];
        long[] samples = new long[20];
        for (int round = 0; round < 2_000; round++) {
            int n = 1 + random.nextInt(20);
            int start = random.nextInt(50);
            for (int k = 0; k < n; k++) {
                pairs[k] = (start + 2 * k) % 50;   // distinct
                samples[k] = random.nextInt(50) == 0 ? random.nextLong(-5_000_000_000L, 5_000_000_000L)
                        : random.nextLong(-3_000_000, 3_000_000);
                one.add(pairs[k], samples[k]);
            }
            batch.addAll(pairs, samples, n);
        }
        for (int p = 0; p < 50; p++) {
            assertEquals(one.count(p), batch.count(p));
            assertEquals(one.mean(p), batch.mean(p), 0);
            assertEquals(one.std(p), batch.std(p), 0);
            assertEquals(one.min(p), batch.min(p), 0);
            assertEquals(one.max(p), batch.max(p), 0);
            assertEquals(one.latestSample(p), batch.latestSample(p), 0);
        }
    }

    @Test
    void exactStatisticsWhereDoublesCancel() {
        // a 0.9 s offset with 1 ns of jitter: the std is 0.5 ns exactly
        PairTable t = new PairTable(1, 100);
        for (int k = 0; k < 1_000; k++) {
            t.add(0, 900_000_000L + (k % 2));
        }
        assertEquals(100, t.count(0));
        assertEquals(0.5e-9, t.std(0), 1e-24);
        assertEquals(0.9000000005, t.mean(0), 1e-16);
        assertEquals(0.9, t.min(0), 0);
        assertEquals(0.900000001, t.max(0), 0);
        assertEquals(0.900000001, t.latestSample(0), 0);
    }

    @Test
    void marksStampsAndCopiesLiveBesideTheSamples() {
        PairTable t = new PairTable(2, 3);
        t.setMarks(0, 0xA5);
        t.setStamp(0, 42);
        for (int k = 0; k < 7; k++) {
            t.add(0, 10L * k);
        }
        assertEquals(0xA5, t.marks(0), "adding keeps the owner's marks");
        assertEquals(42, t.stamp(0));
        assertEquals(3, t.count(0));
        assertEquals(0, t.count(1), "its neighbour is untouched");
        PairTable copy = new PairTable(5, 3);
        copy.copyPair(t, 0, 4);
        assertEquals(0xA5, copy.marks(4));
        assertEquals(t.mean(0), copy.mean(4), 0);
        assertEquals(t.min(0), copy.min(4), 0);
        copy.add(4, 1_000);
        assertEquals((50 + 60 + 1_000) / 3.0 / 1e9, copy.mean(4), 1e-18, "the window slot came along: 40 left");
        assertEquals(0, copy.count(0));
        assertThrows(IllegalArgumentException.class, () -> new PairTable(1, 4).copyPair(t, 0, 0));
    }

    @Test
    void emptyPairsHaveNoStatistics() {
        PairTable t = new PairTable(3, 5);
        assertFalse(t.hasSample(1));
        assertTrue(Double.isNaN(t.mean(1)));
        assertTrue(Double.isNaN(t.min(1)));
        assertTrue(Double.isNaN(t.max(1)));
        assertTrue(Double.isNaN(t.std(1)));
        assertTrue(Double.isNaN(t.latestSample(1)));
        assertEquals(0, t.count(1));
    }

    @Test
    void refusesWindowsItCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> new PairTable(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new PairTable(1, PairTable.MAX_WINDOW + 1));
        assertThrows(IllegalArgumentException.class, () -> new PairTable(100_000, 100_000));
    }

    @Test
    void statePerPairAtWindow100IsUnderOneKilobyte() {
        assertEquals(464, PairTable.bytesPerPair(100));
    }

    private static void compare(int window, int pairs, int samples, long spread, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        PairTable table = new PairTable(pairs, window);
        RollingStats[] refs = new RollingStats[pairs];
        for (int p = 0; p < pairs; p++) {
            refs[p] = new RollingStats(window);
        }
        for (int k = 0; k < samples; k++) {
            int p = random.nextInt(pairs);
            long d = random.nextLong(-spread, spread);
            table.add(p, d);
            refs[p].add(d / 1e9);
            RollingStats s = refs[p];
            assertEquals(s.count(), table.count(p));
            assertEquals(d / 1e9, table.latestSample(p), 0, "latest sample");
            assertEquals(s.min(), table.min(p), 0, "min");
            assertEquals(s.max(), table.max(p), 0, "max");
            assertEquals(s.mean(), table.mean(p), 1e-15 + 1e-12 * Math.abs(s.mean()), "mean");
            assertEquals(s.std(), table.std(p), 1e-15 + 1e-9 * s.std(), "std");
        }
    }
}
