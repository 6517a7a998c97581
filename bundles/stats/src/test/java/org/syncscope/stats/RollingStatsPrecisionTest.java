package org.syncscope.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A billion adds of epoch-second-sized values with small variations: mean and std still agree
 * with an exact (BigDecimal) recomputation over the window to 1e-9 relative. Takes ~15 s.
 */
class RollingStatsPrecisionTest {

    private static final long ADDS = 1_000_000_000L;
    private static final long CHECK_EVERY = 50_000_000L;
    private static final int WINDOW = 100;

    @Test
    void billionAddsAroundEpochSeconds() {
        RollingStats stats = new RollingStats(WINDOW);
        double[] window = new double[WINDOW];
        SplittableRandom random = new SplittableRandom(7);
        int checks = 0;
        for (long i = 1; i <= ADDS; i++) {
            // ~1.7e9 s with a few ms of jitter, quantised as doubles of that size are (~2.4e-7)
            double v = 1.7e9 + random.nextDouble() * 0.004;
            stats.add(v);
            window[(int) (i % WINDOW)] = v;
            if (i % CHECK_EVERY == 0) {
                assertAgreesWithExact(stats, window, i);
                checks++;
            }
        }
        assertThat(checks).isEqualTo(ADDS / CHECK_EVERY);
        assertThat(stats.totalAdded()).isEqualTo(ADDS);
    }

    private static void assertAgreesWithExact(RollingStats stats, double[] window, long at) {
        MathContext mc = MathContext.DECIMAL128;
        BigDecimal sum = BigDecimal.ZERO;
        for (double v : window) {
            sum = sum.add(new BigDecimal(v));
        }
        BigDecimal n = BigDecimal.valueOf(window.length);
        BigDecimal mean = sum.divide(n, mc);
        BigDecimal squares = BigDecimal.ZERO;
        for (double v : window) {
            BigDecimal d = new BigDecimal(v).subtract(mean);
            squares = squares.add(d.multiply(d));
        }
        double exactMean = mean.doubleValue();
        double exactStd = Math.sqrt(squares.divide(n, mc).doubleValue());
        assertThat(stats.mean()).as("mean after %d adds", at).isCloseTo(exactMean, within(1e-9 * exactMean));
        assertThat(stats.std()).as("std after %d adds", at).isCloseTo(exactStd, within(1e-9 * exactStd));
    }
}
