package org.syncscope.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FrequencyTrackerTest {

    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long MS = 1_000_000L;

    @Test
    void exactTenHertz() {
        FrequencyTracker f = new FrequencyTracker(100);
        assertThat(f.update(T0)).isFalse();
        assertThat(f.instant()).isNaN();
        for (int k = 1; k <= 250; k++) {
            assertThat(f.update(T0 + k * 100 * MS)).isTrue();
            assertThat(f.instant()).isEqualTo(10.0);
        }
        assertThat(f.stats().count()).isEqualTo(100);
        assertThat(f.stats().mean()).isEqualTo(10.0);
        assertThat(f.stats().min()).isEqualTo(10.0);
        assertThat(f.stats().max()).isEqualTo(10.0);
        assertThat(f.stats().std()).isZero();
        assertThat(f.rejected()).isZero();
    }

    @Test
    void duplicateAndBackwardStampsAreCountedNotSampled() {
        FrequencyTracker f = new FrequencyTracker(10);
        f.update(T0);
        f.update(T0 + 100 * MS);
        assertThat(f.update(T0 + 100 * MS)).as("duplicate").isFalse();
        assertThat(f.update(T0 + 50 * MS)).as("backwards").isFalse();
        assertThat(f.rejected()).isEqualTo(2);
        assertThat(f.instant()).isEqualTo(10.0);
        assertThat(f.stats().count()).isEqualTo(1);
        // the next good stamp is measured from the last accepted one, not from the rejected ones
        assertThat(f.update(T0 + 300 * MS)).isTrue();
        assertThat(f.instant()).isEqualTo(5.0);
        assertThat(f.lastTimestamp()).isEqualTo(T0 + 300 * MS);
    }

    @Test
    void oneNanosecondApartIsAGigahertzNotADivisionByZero() {
        FrequencyTracker f = new FrequencyTracker(10);
        f.update(T0);
        f.update(T0 + 1);
        assertThat(f.instant()).isEqualTo(1e9);
    }

    @Test
    void irregularIntervalsGiveTheirReciprocals() {
        FrequencyTracker f = new FrequencyTracker(3);
        long[] intervalsMs = {100, 200, 250, 125};
        long t = T0;
        f.update(t);
        for (long dt : intervalsMs) {
            t += dt * MS;
            f.update(t);
        }
        // window of 3: 5 Hz, 4 Hz, 8 Hz
        assertThat(f.instant()).isEqualTo(8.0);
        assertThat(f.stats().mean()).isCloseTo(17.0 / 3, within(1e-12));
        assertThat(f.stats().min()).isEqualTo(4.0);
        assertThat(f.stats().max()).isEqualTo(8.0);
    }

    @Test
    void resetForgetsThePreviousStamp() {
        FrequencyTracker f = new FrequencyTracker(3);
        f.update(T0);
        f.update(T0 - 1);
        f.reset();
        assertThat(f.rejected()).isZero();
        assertThat(f.update(T0 - 1)).isFalse();
        assertThat(f.update(T0 + 1_000_000_000L - 1)).isTrue();
        assertThat(f.instant()).isEqualTo(1.0);
    }

    @Test
    void aRestartKeepsTheStatisticsButNoIntervalSpansIt() {
        FrequencyTracker f = new FrequencyTracker(100);
        long t0 = 1_700_000_000_000_000_000L;
        long ms = 1_000_000L;
        f.update(t0);
        f.update(t0 + 100 * ms);
        f.restart();   // e.g. the PV disconnected for 20 s
        assertThat(f.update(t0 + 20_100 * ms)).as("the first update after a restart is a baseline").isFalse();
        assertThat(f.update(t0 + 20_200 * ms)).isTrue();
        assertThat(f.stats().count()).isEqualTo(2);
        assertThat(f.stats().min()).as("no 0.05 Hz sample from the gap").isEqualTo(10.0);
        f.restart();
        assertThat(f.update(t0)).as("after a restart an earlier stamp (a clock set back) is a new baseline")
                .isFalse();
        assertThat(f.rejected()).isZero();
    }
}
