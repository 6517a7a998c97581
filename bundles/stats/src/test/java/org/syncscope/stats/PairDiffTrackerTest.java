package org.syncscope.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairDiffTrackerTest {

    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long MS = 1_000_000L;

    @Test
    void tenHertzAgainstOneHertzWithThirtyMillisecondPhase() {
        PairDiffTracker pair = new PairDiffTracker(100);
        List<Double> samples = new ArrayList<>();
        int bUpdates = 0;
        // A at 10 Hz from T0, B at 1 Hz from T0 + 30 ms, for 120 s, merged in time order.
        for (long ms = 0; ms < 120_000; ms++) {
            long t = T0 + ms * MS;
            if (ms % 100 == 0 && pair.updateA(t)) {
                samples.add(pair.stats().mean());
            }
            if (ms % 1000 == 30) {
                bUpdates++;
                assertThat(pair.updateB(t)).as("B update at %d ms is paired", ms).isTrue();
                assertThat(pair.currentNanos()).isEqualTo(-30 * MS);
            }
        }
        assertThat(samples).as("A updates never complete a sample: B is always used already").isEmpty();
        assertThat(pair.stats().count()).isEqualTo(Math.min(100, bUpdates));
        assertThat(pair.stats().mean()).isEqualTo(-0.03);
        assertThat(pair.stats().min()).isEqualTo(-0.03);
        assertThat(pair.stats().max()).isEqualTo(-0.03);
        assertThat(pair.stats().std()).isZero();
        assertThat(bUpdates).isEqualTo(120);
    }

    @Test
    void eachUpdateIsUsedInAtMostOneSample() {
        PairDiffTracker pair = new PairDiffTracker(10);
        assertThat(pair.updateA(T0)).isFalse();
        assertThat(pair.current()).isNaN();
        assertThat(pair.updateB(T0 + 5 * MS)).isTrue();     // pairs A@0 with B@5
        assertThat(pair.updateB(T0 + 8 * MS)).isFalse();    // A@0 already used
        assertThat(pair.updateA(T0 + 20 * MS)).isTrue();    // pairs A@20 with B@8
        assertThat(pair.updateA(T0 + 30 * MS)).isFalse();
        assertThat(pair.updateA(T0 + 40 * MS)).isFalse();   // A@30 superseded, never used
        assertThat(pair.updateB(T0 + 41 * MS)).isTrue();    // latest A (40) with B@41
        assertThat(pair.stats().count()).isEqualTo(3);
        // samples: -5 ms, +12 ms, -1 ms
        assertThat(pair.stats().min()).isEqualTo(-0.005);
        assertThat(pair.stats().max()).isEqualTo(0.012);
        assertThat(pair.current()).isEqualTo(-0.001);
    }

    @Test
    void aRepeatedUpdateNeverMakesASecondSample() {
        PairDiffTracker pair = new PairDiffTracker(10);
        pair.updateA(T0);
        assertThat(pair.updateB(T0 + MS)).isTrue();
        assertThat(pair.updateA(T0)).as("A repeats its old stamp").isFalse();
        assertThat(pair.updateB(T0)).as("B goes backwards").isFalse();
        assertThat(pair.rejected()).isEqualTo(2);
        assertThat(pair.stats().count()).isEqualTo(1);
        assertThat(pair.currentNanos()).isEqualTo(-MS);
    }

    @Test
    void differencesAreExactForLargeStamps() {
        PairDiffTracker pair = new PairDiffTracker(10);
        // 1 ns apart at ~1.7e18 ns: a double of the stamps could not tell them apart
        pair.updateB(T0 + 1);
        pair.updateA(T0 + 2);
        assertThat(pair.currentNanos()).isEqualTo(1);
        assertThat(pair.stats().mean()).isEqualTo(1e-9);
    }

    @Test
    void currentIsUndefinedUntilBothUpdated() {
        PairDiffTracker pair = new PairDiffTracker(10);
        pair.updateB(T0);
        assertThat(pair.hasCurrent()).isFalse();
        assertThatThrownBy(pair::currentNanos).isInstanceOf(IllegalStateException.class);
        pair.reset();
        pair.updateA(T0);
        pair.updateB(T0 + 3);
        assertThat(pair.currentNanos()).isEqualTo(-3);
    }

    @Test
    void aRestartDropsThePendingUpdatesSoNoSampleSpansIt() {
        PairDiffTracker pair = new PairDiffTracker(100);
        pair.updateA(T0);
        pair.updateB(T0 + 30 * MS);
        pair.updateA(T0 + 100 * MS);   // unused, waiting for a B
        pair.restart();                // e.g. A's IOC went away for 20 s
        assertThat(pair.updateB(T0 + 20_030 * MS)).as("the pre-outage A update is not paired").isFalse();
        assertThat(pair.updateA(T0 + 20_000 * MS)).isTrue();
        assertThat(pair.stats().count()).isEqualTo(2);
        assertThat(pair.stats().min()).isEqualTo(-0.03);
        assertThat(pair.stats().max()).isEqualTo(-0.03);
    }

    @Test
    void theLatestSampleIsAlwaysWithinMinAndMax() {
        PairDiffTracker pair = new PairDiffTracker(100);
        assertThat(pair.latestSample()).isNaN();
        // A at 10 Hz, B at 1 Hz: latest(A) - latest(B) runs up to +0.87 s, the samples are all -0.03 s
        for (long ms = 0; ms < 5_000; ms++) {
            if (ms % 100 == 0) {
                pair.updateA(T0 + ms * MS);
            }
            if (ms % 1000 == 30) {
                pair.updateB(T0 + ms * MS);
            }
            if (pair.stats().count() > 0) {
                assertThat(pair.latestSample()).isBetween(pair.stats().min(), pair.stats().max());
            }
        }
        assertThat(pair.current()).isCloseTo(0.87, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(pair.latestSample()).isEqualTo(-0.03);
    }
}
