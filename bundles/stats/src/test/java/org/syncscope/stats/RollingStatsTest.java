package org.syncscope.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.function.LongToDoubleFunction;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RollingStats against Apache Commons Math's windowed DescriptiveStatistics. */
class RollingStatsTest {

    private static final int SAMPLES = 1_000_000;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 100, 10_000})
    void randomGaussian(int window) {
        SplittableRandom r = new SplittableRandom(1);
        compareWithCommonsMath(window, i -> r.nextDouble() * 2 - 1 + r.nextDouble() * r.nextDouble());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100, 10_000})
    void constant(int window) {
        compareWithCommonsMath(window, i -> 1.7e9);
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 10_000})
    void monotonicTimestamps(int window) {
        // Epoch seconds of a 10 Hz PV: large, close together, always moving.
        compareWithCommonsMath(window, i -> 1.7e9 + i * 0.1);
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 10_000})
    void hugeOffsetWithSmallNoise(int window) {
        SplittableRandom r = new SplittableRandom(2);
        compareWithCommonsMath(window, i -> 1e15 + r.nextInt(-1000, 1001));
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 10_000})
    void regimeJumpsBetweenHugeAndTiny(int window) {
        // Blocks of 1e12-scale values alternate with blocks of tiny ones: the huge values leaving
        // the window must not leave rounding garbage in the tiny block's variance.
        SplittableRandom r = new SplittableRandom(3);
        compareWithCommonsMath(window, i -> (i / (window * 3L)) % 2 == 0
                ? 1e12 + r.nextDouble() * 1e3
                : r.nextDouble() * 1e-3);
    }

    @Test
    void alternatingSignsAndMagnitudes() {
        SplittableRandom r = new SplittableRandom(4);
        compareWithCommonsMath(100, i -> (i % 2 == 0 ? 1 : -1) * Math.pow(10, r.nextInt(-6, 13)));
    }

    @Test
    void emptyAndSingleSample() {
        RollingStats s = new RollingStats(5);
        assertThat(s.count()).isZero();
        assertThat(s.mean()).isNaN();
        assertThat(s.min()).isNaN();
        assertThat(s.max()).isNaN();
        assertThat(s.std()).isNaN();
        s.add(3.5);
        assertThat(s.count()).isEqualTo(1);
        assertThat(s.mean()).isEqualTo(3.5);
        assertThat(s.min()).isEqualTo(3.5);
        assertThat(s.max()).isEqualTo(3.5);
        assertThat(s.std()).isZero();
    }

    @Test
    void windowSlidesAndResetForgets() {
        RollingStats s = new RollingStats(3);
        for (double v : new double[] {10, 1, 2, 3}) {
            s.add(v);
        }
        assertThat(s.count()).isEqualTo(3);
        assertThat(s.totalAdded()).isEqualTo(4);
        assertThat(s.mean()).isEqualTo(2.0);
        assertThat(s.max()).isEqualTo(3.0);
        assertThat(s.min()).isEqualTo(1.0);
        // population std of {1,2,3} is sqrt(2/3), as numpy.std gives
        assertThat(s.std()).isCloseTo(Math.sqrt(2.0 / 3.0), within(1e-15));
        s.reset();
        assertThat(s.count()).isZero();
        assertThat(s.mean()).isNaN();
        s.add(7);
        assertThat(s.max()).isEqualTo(7.0);
        assertThat(s.min()).isEqualTo(7.0);
    }

    @Test
    void nonFiniteSamplesAreRefusedAndChangeNothing() {
        RollingStats s = new RollingStats(4);
        s.add(1);
        s.add(2);
        assertThatThrownBy(() -> s.add(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> s.add(Double.POSITIVE_INFINITY)).hasMessageContaining("Infinity");
        assertThatThrownBy(() -> s.add(Double.NEGATIVE_INFINITY)).hasMessageContaining("-Infinity");
        assertThat(s.count()).isEqualTo(2);
        assertThat(s.mean()).isEqualTo(1.5);
        assertThat(s.max()).isEqualTo(2.0);
    }

    @Test
    void windowMustBePositive() {
        assertThatThrownBy(() -> new RollingStats(0)).hasMessageContaining("window");
    }

    /**
     * Feeds the same stream to both and compares after every add (every 97th for big windows,
     * where Commons Math rescans the window on each query). Mean and std must agree to 1e-9
     * relative; below the resolution of the values themselves (a few ulps of the largest
     * magnitude in the window) a std is noise in both, so that is the absolute floor.
     */
    private static void compareWithCommonsMath(int window, LongToDoubleFunction stream) {
        RollingStats ours = new RollingStats(window);
        DescriptiveStatistics reference = new DescriptiveStatistics(window);
        int every = window > 1000 ? 97 : 1;
        for (long i = 0; i < SAMPLES; i++) {
            double v = stream.applyAsDouble(i);
            ours.add(v);
            reference.addValue(v);
            if (i % every == 0 || i == SAMPLES - 1) {
                double max = reference.getMax();
                double min = reference.getMin();
                double resolution = 4 * Math.ulp(Math.max(Math.abs(max), Math.abs(min)));
                assertThat(ours.count()).isEqualTo(reference.getN());
                assertThat(ours.max()).as("max at %d", i).isEqualTo(max);
                assertThat(ours.min()).as("min at %d", i).isEqualTo(min);
                double mean = reference.getMean();
                assertThat(ours.mean()).as("mean at %d", i)
                        .isCloseTo(mean, within(1e-9 * Math.abs(mean) + resolution));
                double std = Math.sqrt(reference.getPopulationVariance());
                assertThat(ours.std()).as("std at %d", i).isCloseTo(std, within(1e-9 * std + resolution));
            }
        }
    }
}
