package org.syncscope.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.function.LongToDoubleFunction;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.junit.jupiter.api.Test;

/** RunningStats against Apache Commons Math's SummaryStatistics. */
class RunningStatsTest {

    @Test
    void randomStream() {
        SplittableRandom r = new SplittableRandom(11);
        compare(i -> r.nextGaussian() * 5 + 3);
    }

    @Test
    void epochSecondsWithJitter() {
        SplittableRandom r = new SplittableRandom(12);
        compare(i -> 1.7e9 + i * 0.1 + r.nextDouble() * 1e-3);
    }

    @Test
    void constantStreamHasZeroDeviation() {
        RunningStats s = new RunningStats();
        for (int i = 0; i < 1000; i++) {
            s.add(1e15);
        }
        assertThat(s.std()).isZero();
        assertThat(s.mean()).isEqualTo(1e15);
        assertThat(s.sum()).isEqualTo(1e18);
    }

    @Test
    void resetStartsAgain() {
        RunningStats s = new RunningStats();
        s.add(1);
        s.add(5);
        assertThat(s.sampleStd()).isCloseTo(Math.sqrt(8), within(1e-15));
        s.reset();
        assertThat(s.count()).isZero();
        assertThat(s.sum()).isZero();
        assertThat(s.mean()).isNaN();
        assertThat(s.min()).isNaN();
        assertThat(s.sampleStd()).isNaN();
        s.add(-2);
        assertThat(s.min()).isEqualTo(-2.0);
        assertThat(s.max()).isEqualTo(-2.0);
        assertThat(s.std()).isZero();
    }

    @Test
    void nonFiniteSamplesAreRefused() {
        RunningStats s = new RunningStats();
        s.add(2);
        assertThatThrownBy(() -> s.add(Double.NaN)).hasMessageContaining("sample NaN");
        assertThat(s.count()).isEqualTo(1);
        assertThat(s.mean()).isEqualTo(2.0);
    }

    private static void compare(LongToDoubleFunction stream) {
        RunningStats ours = new RunningStats();
        SummaryStatistics reference = new SummaryStatistics();
        for (long i = 0; i < 1_000_000; i++) {
            double v = stream.applyAsDouble(i);
            ours.add(v);
            reference.addValue(v);
            if (i % 1000 == 999) {
                assertThat(ours.count()).isEqualTo(reference.getN());
                assertThat(ours.min()).isEqualTo(reference.getMin());
                assertThat(ours.max()).isEqualTo(reference.getMax());
                assertThat(ours.sum()).isCloseTo(reference.getSum(), within(1e-9 * Math.abs(reference.getSum())));
                assertThat(ours.mean()).isCloseTo(reference.getMean(), within(1e-9 * Math.abs(reference.getMean())));
                double std = Math.sqrt(reference.getPopulationVariance());
                assertThat(ours.std()).isCloseTo(std, within(1e-9 * std));
                assertThat(ours.sampleStd()).isCloseTo(reference.getStandardDeviation(),
                        within(1e-9 * reference.getStandardDeviation()));
            }
        }
    }
}
