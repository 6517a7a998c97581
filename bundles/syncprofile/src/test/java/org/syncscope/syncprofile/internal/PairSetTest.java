package org.syncscope.syncprofile.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.syncscope.stats.PairDiffTracker;
import org.syncscope.stats.Stats;

/**
 * The profile's pairing by sequence numbers samples exactly when a {@link PairDiffTracker} per
 * pair would, with the same statistics, for every pairing and any split of the pairs into
 * partitions.
 */
class PairSetTest {

    private static final long T0 = 1_700_000_000_000_000_000L;

    @Test
    void allPairsAgreeWithOneTrackerPerPair() {
        compare(Pairing.ALL, 7, 1, 30_000, 1);
    }

    @Test
    void chainAndReferencePairingsAgreeToo() {
        compare(Pairing.parse(new String[] {"chain"}), 7, 1, 20_000, 2);
        compare(Pairing.parse(new String[] {"reference:I3"}), 7, 1, 20_000, 3);
    }

    @Test
    void partitionsGiveTheSameResultsAsOneSet() {
        compare(Pairing.ALL, 9, 4, 30_000, 4);
        compare(Pairing.ALL, 5, 3, 10_000, 5);
    }

    /** Drives sets and trackers with one random schedule of updates (some repeated) and restarts. */
    private static void compare(Pairing pairing, int n, int partitions, int steps, long seed) {
        List<String> pvs = IntStream.range(0, n).mapToObj(i -> "I" + i).toList();
        PairLayout layout = pairing.layout(pvs);
        int pairs = layout.size();
        PairSet[] sets = new PairSet[partitions];
        for (int k = 0; k < partitions; k++) {
            sets[k] = new PairSet(layout, n, 10, pairs * k / partitions, pairs * (k + 1) / partitions);
        }
        PairDiffTracker[] trackers = new PairDiffTracker[pairs];
        for (int p = 0; p < pairs; p++) {
            trackers[p] = new PairDiffTracker(10);
        }
        SplittableRandom random = new SplittableRandom(seed);
        long[] clock = new long[n];
        java.util.Arrays.fill(clock, T0);
        long seq = 0;
        for (int step = 0; step < steps; step++) {
            int i = random.nextInt(n);
            if (random.nextInt(300) == 0) {
                seq++;
                for (PairSet s : sets) {
                    s.restartPairsOf(i, seq);
                }
                for (int p = 0; p < pairs; p++) {
                    if (layout.a(p) == i || layout.b(p) == i) {
                        trackers[p].restart();
                    }
                }
                continue;
            }
            clock[i] += 1 + random.nextInt(50_000_000);
            long t = clock[i];
            seq++;
            for (PairSet s : sets) {
                s.update(i, seq, t, t, true);
            }
            for (int p = 0; p < pairs; p++) {
                boolean sampled = layout.a(p) == i ? trackers[p].updateA(t) : layout.b(p) == i && trackers[p].updateB(t);
                if (sampled) {
                    PairSet s = setOf(sets, p);
                    assertThat(s.latestSample(p)).as("sample of pair %d at step %d", p, step)
                            .isEqualTo(trackers[p].latestSample());
                }
            }
        }
        for (int p = 0; p < pairs; p++) {
            Stats want = trackers[p].stats();
            Stats got = setOf(sets, p).stats(p);
            assertThat(got.count()).as("pair %d", p).isEqualTo(want.count());
            assertThat(got.min()).isEqualTo(want.min());
            assertThat(got.max()).isEqualTo(want.max());
            assertThat(got.mean()).isCloseTo(want.mean(), within(1e-15));
            assertThat(got.std()).isCloseTo(want.std(), within(1e-15));
            assertThat(want.count()).as("the schedule gave pair %d samples", p).isPositive();
        }
    }

    private static PairSet setOf(PairSet[] sets, int p) {
        for (PairSet s : sets) {
            if (s.contains(p)) {
                return s;
            }
        }
        throw new AssertionError("no set holds pair " + p);
    }
}
