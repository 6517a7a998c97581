package org.syncscope.timeav.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.syncscope.stats.RunningStats;

/** Each mode and calcDirection against hand-computed results. */
class AveragerTest {

    private static final long S = 1_000_000_000L;

    private static Averager averager(String expression) throws Exception {
        return new Averager(TimeavExpression.parse(expression));
    }

    private static double one(Optional<Averager.Output> o) {
        assertThat(o).isPresent();
        return o.get().values()[0];
    }

    @Test
    void runningBoxcarOutputsAfterEachSampleOnceFull() throws Exception {
        Averager a = averager("X | p,1000 | null | 3");
        assertThat(a.sample(new double[] {1}, 1 * S)).isEmpty();
        assertThat(a.status()).isEqualTo("waiting for 2 more samples");
        assertThat(a.sample(new double[] {2}, 2 * S)).isEmpty();
        assertThat(one(a.sample(new double[] {6}, 3 * S))).isEqualTo(3.0);    // (1+2+6)/3
        assertThat(one(a.sample(new double[] {10}, 4 * S))).isEqualTo(6.0);   // (2+6+10)/3
        assertThat(a.status()).isEqualTo("running: mean of 3");
    }

    @Test
    void fixedPeriodAveragesAndResetsAtEachCompute() throws Exception {
        Averager a = averager("X | p,1000 | p,10000");
        a.sample(new double[] {1}, S);
        a.sample(new double[] {2}, 2 * S);
        a.sample(new double[] {4}, 3 * S);
        assertThat(one(a.compute(4 * S))).isCloseTo(7.0 / 3, within(1e-15));
        assertThat(a.compute(5 * S)).isEmpty();
        assertThat(a.status()).isEqualTo("no samples since the last compute");
        a.sample(new double[] {10}, 6 * S);
        assertThat(one(a.compute(7 * S))).isEqualTo(10.0);
    }

    @Test
    void bothSetKeepsTheNewestMaxPointsUntilTheCompute() throws Exception {
        Averager a = averager("X | p,1000 | p,10000 | 2 | sum");
        a.sample(new double[] {100}, S);
        a.sample(new double[] {1}, 2 * S);
        a.sample(new double[] {2}, 3 * S);
        assertThat(one(a.compute(4 * S))).isEqualTo(3.0);
        a.sample(new double[] {5}, 5 * S);
        assertThat(one(a.compute(6 * S))).isEqualTo(5.0);
    }

    @Test
    void diffIsTheMeanMinusThePreviousMean() throws Exception {
        Averager a = averager("M:BLOW | p,2000,true | p,10000,true | 0 | diff");
        a.sample(new double[] {2}, S);
        a.sample(new double[] {4}, 2 * S);
        assertThat(a.compute(3 * S)).isEmpty();           // first mean 3, kept
        assertThat(a.status()).isEqualTo("first mean kept; diff from the next");
        a.sample(new double[] {10}, 4 * S);
        assertThat(one(a.compute(5 * S))).isEqualTo(7.0); // 10 - 3
        a.sample(new double[] {9}, 6 * S);
        a.sample(new double[] {5}, 7 * S);
        assertThat(one(a.compute(8 * S))).isEqualTo(-3.0); // 7 - 10
    }

    @Test
    void sampleStandardDeviation() throws Exception {
        Averager a = averager("X | p,1000 | p,10000 | 0 | sd");
        for (double x : new double[] {2, 4, 4, 4, 5, 5, 7, 9}) {
            a.sample(new double[] {x}, S);
        }
        // mean 5, squared deviations sum 32, n - 1 = 7
        assertThat(one(a.compute(2 * S))).isCloseTo(Math.sqrt(32.0 / 7), within(1e-15));
        a.sample(new double[] {1e12 + 1}, S);
        a.sample(new double[] {1e12 + 3}, S);
        assertThat(one(a.compute(3 * S))).isCloseTo(Math.sqrt(2), within(1e-12));
        a.sample(new double[] {5}, S);
        assertThat(a.compute(4 * S)).isEmpty();
        assertThat(a.status()).isEqualTo("sd needs 2 samples, have 1");
    }

    /** X = X0 exp(-t/tau) sampled each second: life recovers tau, over a window of maxPoints intervals. */
    @Test
    void lifetimeOfAnExponentialDecay() throws Exception {
        double tau = 37.5;
        Averager a = averager("BEAM | p,1000 | null | 10 | life");
        assertThat(a.sample(new double[] {1000}, 0)).isEmpty();
        assertThat(a.status()).isEqualTo("waiting for 1 more sample");
        for (int t = 1; t <= 30; t++) {
            double x = 1000 * Math.exp(-t / tau);
            double out = one(a.sample(new double[] {x}, t * S));
            assertThat(out).isCloseTo(tau, within(tau * 1e-9));
        }
        assertThat(a.status()).isEqualTo("running: lifetime over 10 intervals");
    }

    @Test
    void lifetimeSlidesAndShrinksAfterAReset() throws Exception {
        // two regimes: tau 10 s for 20 s, then tau 50 s: a 5-interval window sees only the new one after 5 samples
        Averager a = averager("BEAM | p,1000 | p,1000 | 5 | life");
        double x = 100;
        for (int t = 0; t <= 20; t++) {
            a.sample(new double[] {x}, t * S);
            if (t < 20) {
                x *= Math.exp(-1 / 10.0);
            }
        }
        assertThat(one(a.compute(20 * S))).isCloseTo(10.0, within(1e-8));
        for (int t = 21; t <= 25; t++) {
            x *= Math.exp(-1 / 50.0);
            a.sample(new double[] {x}, t * S);
        }
        assertThat(one(a.compute(25 * S))).isCloseTo(50.0, within(50e-9));
        a.reset();
        a.sample(new double[] {x}, 30 * S);
        a.sample(new double[] {x * Math.exp(-2 / 50.0)}, 32 * S);
        assertThat(one(a.compute(32 * S))).as("shorter interval after a reset").isCloseTo(50.0, within(50e-9));
    }

    @Test
    void nlifeForRisingValues() throws Exception {
        Averager a = averager("ELEC | p,1000 | null | 4 | nlife");
        double tau = 20;
        a.sample(new double[] {-500}, 0);
        for (int t = 1; t <= 8; t++) {
            double out = one(a.sample(new double[] {-500 * Math.exp(-t / tau)}, t * S));
            assertThat(out).isCloseTo(tau, within(tau * 1e-9));
        }
        Averager plain = averager("ELEC | p,1000 | null | 4 | life");
        plain.sample(new double[] {400}, 0);
        Averager.Output o = plain.sample(new double[] {500}, S).orElseThrow();
        assertThat(o.values()[0]).as("life of a rising value: ln of a ratio below 1, a negative tau").isNegative();
        Averager zero = averager("ELEC | p,1000 | null | 4 | life");
        zero.sample(new double[] {5}, 0);
        Averager.Output bad = zero.sample(new double[] {-5}, S).orElseThrow();
        assertThat(bad.invalid()).isTrue();
        assertThat(bad.values()[0]).isNaN();
    }

    @Test
    void arraysElementByElement() throws Exception {
        Averager life = averager("ARR | p,1000 | null | 2 | life");
        double[] taus = {5, 50, 500};
        for (int t = 0; t <= 4; t++) {
            double[] x = new double[3];
            for (int i = 0; i < 3; i++) {
                x[i] = 1e6 * Math.exp(-t / taus[i]);
            }
            Optional<Averager.Output> out = life.sample(x, t * S);
            if (t > 0) {
                for (int i = 0; i < 3; i++) {
                    assertThat(out.orElseThrow().values()[i]).isCloseTo(taus[i], within(taus[i] * 1e-9));
                }
            }
        }
        Averager mean = averager("ARR | p,1000 | p,5000");
        mean.sample(new double[] {1, 10}, S);
        mean.sample(new double[] {3, 30}, 2 * S);
        assertThat(mean.compute(3 * S).orElseThrow().values()).containsExactly(2, 20);
        mean.sample(new double[] {1, 2}, 4 * S);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mean.sample(new double[] {1, 2, 3}, 5 * S))
                .hasMessage("the device has 3 elements now, 2 before; sample dropped");
    }

    /**
     * Large offset, small variance (a time in seconds since the epoch jittering by a millisecond):
     * mean, sum and sd are the statistics engine's, to the bit, and within rounding of an exact
     * BigDecimal computation.
     */
    @Test
    void largeOffsetSmallVarianceAsTheStatsEngineComputesIt() throws Exception {
        SplittableRandom random = new SplittableRandom(20);
        double[] x = new double[1000];
        for (int k = 0; k < x.length; k++) {
            x[k] = 1.7e9 + random.nextDouble() * 1e-3;
        }
        RunningStats engine = new RunningStats();
        Averager mean = averager("T | p,1000 | p,10000 | 0 | null");
        Averager sum = averager("T | p,1000 | p,10000 | 0 | sum");
        Averager sd = averager("T | p,1000 | p,10000 | 0 | sd");
        Averager boxcar = averager("T | p,1000 | null | " + x.length + " | sd");
        Optional<Averager.Output> slid = Optional.empty();
        for (double v : x) {
            engine.add(v);
            mean.sample(new double[] {v}, S);
            sum.sample(new double[] {v}, S);
            sd.sample(new double[] {v}, S);
            slid = boxcar.sample(new double[] {v}, S);
        }
        assertThat(one(mean.compute(2 * S))).isEqualTo(engine.mean());
        assertThat(one(sum.compute(2 * S))).isEqualTo(engine.sum());
        assertThat(one(sd.compute(2 * S))).isEqualTo(engine.sampleStd());
        assertThat(one(slid)).isEqualTo(engine.sampleStd());

        BigDecimal total = BigDecimal.ZERO;
        for (double v : x) {
            total = total.add(new BigDecimal(v));
        }
        BigDecimal exactMean = total.divide(BigDecimal.valueOf(x.length), MathContext.DECIMAL128);
        BigDecimal squares = BigDecimal.ZERO;
        for (double v : x) {
            BigDecimal d = new BigDecimal(v).subtract(exactMean);
            squares = squares.add(d.multiply(d));
        }
        double exactSd = Math.sqrt(squares.divide(BigDecimal.valueOf(x.length - 1), MathContext.DECIMAL128).doubleValue());
        assertThat(engine.mean()).isCloseTo(exactMean.doubleValue(), within(2 * Math.ulp(1.7e9)));
        assertThat(engine.sampleStd()).isCloseTo(exactSd, within(exactSd * 1e-9));
    }

    /** NaN and infinite samples, which the engine refuses, give what plain arithmetic gave: no exception. */
    @Test
    void nonFiniteSamplesGiveWhatPlainArithmeticGives() throws Exception {
        Averager sum = averager("X | p,1000 | p,10000 | 0 | sum");
        sum.sample(new double[] {1, 1, 1}, S);
        sum.sample(new double[] {Double.POSITIVE_INFINITY, Double.NaN, Double.POSITIVE_INFINITY}, S);
        sum.sample(new double[] {2, 2, Double.NEGATIVE_INFINITY}, S);
        assertThat(sum.compute(2 * S).orElseThrow().values()).containsExactly(Double.POSITIVE_INFINITY, Double.NaN,
                Double.NaN);
        Averager mean = averager("X | p,1000 | null | 2 | null");
        mean.sample(new double[] {Double.NEGATIVE_INFINITY}, S);
        assertThat(one(mean.sample(new double[] {4}, S))).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(one(mean.sample(new double[] {6}, S))).as("once it left the window").isEqualTo(5.0);
        Averager sd = averager("X | p,1000 | p,10000 | 0 | sd");
        sd.sample(new double[] {1}, S);
        sd.sample(new double[] {Double.POSITIVE_INFINITY}, S);
        assertThat(one(sd.compute(2 * S))).isNaN();
    }
}
