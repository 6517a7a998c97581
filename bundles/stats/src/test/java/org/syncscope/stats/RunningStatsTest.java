package org.syncscope.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
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

    /**
     * Epoch seconds jittering by a millisecond around one value: the standard deviation to 1e-9 of
     * an exact BigDecimal computation (a Welford mean of the raw values was off in the fifth digit).
     */
    @Test
    void largeOffsetSmallVarianceToTheExactResult() {
        SplittableRandom r = new SplittableRandom(20);
        double[] x = new double[10_000];
        RunningStats s = new RunningStats();
        BigDecimal total = BigDecimal.ZERO;
        for (int k = 0; k < x.length; k++) {
            x[k] = 1.7e9 + r.nextDouble() * 1e-3;
            s.add(x[k]);
            total = total.add(new BigDecimal(x[k]));
        }
        BigDecimal mean = total.divide(BigDecimal.valueOf(x.length), MathContext.DECIMAL128);
        BigDecimal squares = BigDecimal.ZERO;
        for (double v : x) {
            BigDecimal d = new BigDecimal(v).subtract(mean);
            squares = squares.add(d.multiply(d));
        }
        double population = Math.sqrt(squares.divide(BigDecimal.valueOf(x.length), MathContext.DECIMAL128).doubleValue());
        double sample = Math.sqrt(squares.divide(BigDecimal.valueOf(x.length - 1), MathContext.DECIMAL128).doubleValue());
        assertThat(s.std()).isCloseTo(population, within(population * 1e-9));
        assertThat(s.sampleStd()).isCloseTo(sample, within(sample * 1e-9));
        assertThat(s.mean()).isCloseTo(mean.doubleValue(), within(2 * Math.ulp(1.7e9)));
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

    /**
     * Count, min, max, sum and mean against Commons Math; the standard deviations against exact
     * sums (BigDecimal), since Commons Math's Welford update on the raw values is itself off by
     * ~1e-8 on epoch seconds.
     */
    private static void compare(LongToDoubleFunction stream) {
        RunningStats ours = new RunningStats();
        SummaryStatistics reference = new SummaryStatistics();
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal squares = BigDecimal.ZERO;
        MathContext digits = new MathContext(80);
        for (long i = 0; i < 1_000_000; i++) {
            double v = stream.applyAsDouble(i);
            ours.add(v);
            reference.addValue(v);
            BigDecimal exact = new BigDecimal(v);
            sum = sum.add(exact);
            squares = squares.add(exact.multiply(exact));
            if (i % 1000 == 999) {
                assertThat(ours.count()).isEqualTo(reference.getN());
                assertThat(ours.min()).isEqualTo(reference.getMin());
                assertThat(ours.max()).isEqualTo(reference.getMax());
                assertThat(ours.sum()).isCloseTo(reference.getSum(), within(1e-9 * Math.abs(reference.getSum())));
                assertThat(ours.mean()).isCloseTo(reference.getMean(), within(1e-9 * Math.abs(reference.getMean())));
                BigDecimal n = BigDecimal.valueOf(i + 1);
                BigDecimal deviations = squares.subtract(sum.multiply(sum).divide(n, digits));
                double std = Math.sqrt(deviations.divide(n, digits).doubleValue());
                double sampleStd = Math.sqrt(deviations.divide(n.subtract(BigDecimal.ONE), digits).doubleValue());
                assertThat(ours.std()).isCloseTo(std, within(1e-9 * std));
                assertThat(ours.sampleStd()).isCloseTo(sampleStd, within(1e-9 * sampleStd));
            }
        }
    }
}
