package org.syncscope.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.syncscope.stats.FrequencyTracker;
import org.syncscope.stats.PairDiffTracker;
import org.syncscope.stats.Stats;

/**
 * ns per PV update in a sync profile of n PVs: the PV's frequency tracker, its n − 1 pair
 * trackers, and reading every output value that update changes (5 frequency values, and 5 per
 * pair), as the profile does before posting them. Window 100, the profile's default.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ProfileUpdateBenchmark {

    private static final int WINDOW = 100;
    private static final int SCHEDULE = 1 << 16;

    @Param({"2", "10", "100"})
    public int pvs;

    private FrequencyTracker[] frequencies;
    /** pairsOf[i][j]: the tracker of the pair of PV i and PV j (i ≠ j); i &lt; j means i is A. */
    private PairDiffTracker[][] pairsOf;
    private int[] schedulePv;
    private long[] scheduleGap;
    private long now = 1_700_000_000_000_000_000L;
    private int next;

    @Setup
    public void setUp() {
        frequencies = new FrequencyTracker[pvs];
        pairsOf = new PairDiffTracker[pvs][pvs];
        for (int i = 0; i < pvs; i++) {
            frequencies[i] = new FrequencyTracker(WINDOW);
            for (int j = i + 1; j < pvs; j++) {
                PairDiffTracker pair = new PairDiffTracker(WINDOW);
                pairsOf[i][j] = pair;
                pairsOf[j][i] = pair;
            }
        }
        // Updates from the PVs in a random order, a few ms apart, as a CA monitor delivers them.
        SplittableRandom random = new SplittableRandom(2);
        schedulePv = new int[SCHEDULE];
        scheduleGap = new long[SCHEDULE];
        for (int k = 0; k < SCHEDULE; k++) {
            schedulePv[k] = random.nextInt(pvs);
            scheduleGap[k] = 1_000_000L + random.nextInt(1_000_000);
        }
    }

    @Benchmark
    public void update(Blackhole out) {
        int pv = schedulePv[next];
        now += scheduleGap[next];
        next = (next + 1) & (SCHEDULE - 1);

        FrequencyTracker f = frequencies[pv];
        if (f.update(now)) {
            out.consume(f.instant());
            consume(out, f.stats());
        }
        PairDiffTracker[] pairs = pairsOf[pv];
        for (int other = 0; other < pvs; other++) {
            if (other == pv) {
                continue;
            }
            PairDiffTracker pair = pairs[other];
            boolean sampled = pv < other ? pair.updateA(now) : pair.updateB(now);
            out.consume(pair.current());
            if (sampled) {
                consume(out, pair.stats());
            }
        }
    }

    private static void consume(Blackhole out, Stats s) {
        out.consume(s.mean());
        out.consume(s.min());
        out.consume(s.max());
        out.consume(s.std());
    }
}
