package org.syncscope.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The flat table gives every pair what a {@link PairDiffTracker} of its own would. */
class PairTableTest {

    private static final long EPOCH = 1_700_000_000_000_000_000L;

    @Test
    void everyPairAgreesWithItsOwnTracker() {
        for (int window : new int[] {1, 2, 7, 100}) {
            compare(window, 12, 40_000, 3_000_000L, 11);
        }
    }

    @Test
    void pairsWhoseDifferencesLeaveIntRangeAgreeToo() {
        // gaps of up to 5 s between updates: differences beyond 2.1 s move pairs to wide storage
        compare(10, 6, 5_000, 5_000_000_000L, 5);
    }

    @Test
    void restartStartsPairingAfreshAndKeepsTheStatistics() {
        PairTable t = new PairTable(1, 10);
        PairDiffTracker ref = new PairDiffTracker(10);
        long[] times = {EPOCH, EPOCH + 5, EPOCH + 100};
        assertFalse(t.updateA(0, times[0]));
        assertTrue(t.updateB(0, times[1]));
        ref.updateA(times[0]);
        ref.updateB(times[1]);
        t.restart(0);
        ref.restart();
        assertFalse(t.updateA(0, EPOCH - 1_000), "after a restart an earlier time is a new start, not a sample");
        ref.updateA(EPOCH - 1_000);
        assertTrue(t.updateB(0, times[2]));
        ref.updateB(times[2]);
        assertSame(ref, t, 0);
        assertEquals(2, t.count(0));
    }

    @Test
    void aRepeatedTimestampIsNoSample() {
        PairTable t = new PairTable(1, 4);
        t.updateA(0, EPOCH);
        assertFalse(t.updateA(0, EPOCH), "same time again");
        assertTrue(t.updateB(0, EPOCH + 1_000));
        assertFalse(t.updateB(0, EPOCH + 999), "earlier than B's previous");
        assertEquals(-1e-6, t.latestSample(0), 0);
        assertEquals(1, t.count(0));
    }

    @Test
    void exactStatisticsWhereDoublesCancel() {
        // a constant 2 s offset with 1 ns of jitter: the std is 0.5 ns exactly
        PairTable t = new PairTable(1, 100);
        long a = EPOCH;
        for (int k = 0; k < 1_000; k++) {
            t.updateA(0, a);
            t.updateB(0, a - 2_000_000_000L + (k % 2));
            a += 100_000_000L;
        }
        assertEquals(100, t.count(0));
        assertEquals(0.5e-9, t.std(0), 1e-24);
        assertEquals(1.9999999995, t.mean(0), 1e-16);
    }

    @Test
    void marksStampsAndCopiesLiveBesideTheSamples() {
        PairTable t = new PairTable(2, 3);
        t.setMarks(0, 0xA5);
        t.setStamp(0, 42);
        for (int k = 0; k < 7; k++) {
            t.updateA(0, EPOCH + 10L * k);
            t.updateB(0, EPOCH + 10L * k + 3);
        }
        assertEquals(0xA5, t.marks(0), "sampling keeps the owner's marks");
        assertEquals(42, t.stamp(0));
        assertEquals(3, t.count(0));
        assertFalse(t.updateB(0, EPOCH + 500), "an unpaired B update");
        PairTable copy = new PairTable(5, 3);
        copy.copyPair(t, 0, 4);
        assertEquals(0xA5, copy.marks(4));
        assertEquals(t.mean(0), copy.mean(4), 0);
        assertEquals(t.min(0), copy.min(4), 0);
        assertTrue(copy.updateA(4, EPOCH + 1_000), "pairing state copied too: B's update is unused");
        assertEquals(0, copy.count(0));
        assertThrows(IllegalArgumentException.class, () -> new PairTable(1, 4).copyPair(t, 0, 0));
    }

    @Test
    void emptyPairsHaveNoStatistics() {
        PairTable t = new PairTable(3, 5);
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
        assertTrue(PairTable.bytesPerPair(100) <= 1024, PairTable.bytesPerPair(100) + " B");
        assertEquals(464, PairTable.bytesPerPair(100));
    }

    private static void compare(int window, int pairs, int updates, long maxGap, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        PairTable table = new PairTable(pairs, window);
        PairDiffTracker[] refs = new PairDiffTracker[pairs];
        long[] clockA = new long[pairs];
        long[] clockB = new long[pairs];
        for (int p = 0; p < pairs; p++) {
            refs[p] = new PairDiffTracker(window);
            clockA[p] = EPOCH + random.nextLong(maxGap);
            clockB[p] = EPOCH + random.nextLong(maxGap);
        }
        for (int k = 0; k < updates; k++) {
            int p = random.nextInt(pairs);
            boolean a = random.nextBoolean();
            // now and then a repeated or earlier time, which both must reject
            long step = random.nextInt(20) == 0 ? -random.nextLong(1_000) : 1 + random.nextLong(maxGap);
            long t = a ? (clockA[p] += step) : (clockB[p] += step);
            boolean expected = a ? refs[p].updateA(t) : refs[p].updateB(t);
            boolean got = a ? table.updateA(p, t) : table.updateB(p, t);
            assertEquals(expected, got, "sample at update " + k);
            if (random.nextInt(500) == 0) {
                refs[p].restart();
                table.restart(p);
            }
            if (got) {
                assertSame(refs[p], table, p);
            }
        }
    }

    private static void assertSame(PairDiffTracker ref, PairTable table, int p) {
        Stats s = ref.stats();
        assertEquals(s.count(), table.count(p));
        assertEquals(ref.latestSample(), table.latestSample(p), 0, "latest sample");
        assertEquals(s.min(), table.min(p), 0, "min");
        assertEquals(s.max(), table.max(p), 0, "max");
        assertEquals(s.mean(), table.mean(p), 1e-15 + 1e-12 * Math.abs(s.mean()), "mean");
        assertEquals(s.std(), table.std(p), 1e-15 + 1e-9 * s.std(), "std");
    }
}
