package org.syncscope.timestamp.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The clock filter on scripted exchanges: the smallest delay kept, held-up periods rejected. */
class ClockFilterTest {

    @Test
    void keepsTheExchangeWithTheSmallestDelay() {
        ClockFilter f = new ClockFilter();
        f.begin();
        f.offer(500, 40_000, 1);
        f.offer(120, 18_000, 2);
        f.offer(900, 60_000, 3);
        f.offer(-300, 25_000, 4);
        assertThat(f.end()).isTrue();
        assertThat(f.offset()).isEqualTo(120);
        assertThat(f.delay()).isEqualTo(18_000);
        assertThat(f.mono()).isEqualTo(2);
        assertThat(f.offered()).isEqualTo(4);
    }

    @Test
    void rejectsAPeriodWhoseBestIsHeldUpUntilTheSlowerPathIsTheNorm() {
        ClockFilter f = new ClockFilter();
        period(f, 10, 18_000);
        assertThat(f.end()).isTrue();
        // 3 x 18 µs + 20 µs = 74 µs: a period whose best took 200 µs says nothing trustworthy
        period(f, 4_000_000, 200_000);
        assertThat(f.end()).isFalse();
        assertThat(f.rejected()).isEqualTo(1);
        assertThat(f.delayLimit()).isEqualTo(74_000);
        for (int i = 0; i < ClockFilter.HISTORY - 1; i++) {
            period(f, 4_000_000, 200_000);
            assertThat(f.end()).as("period %d", i).isFalse();
        }
        period(f, 40, 200_000);
        assertThat(f.end()).as("the fast period has left the history: 200 µs is the path now").isTrue();
        assertThat(f.offset()).isEqualTo(40);
    }

    @Test
    void aPeriodWithoutAnswersGivesNothing() {
        ClockFilter f = new ClockFilter();
        f.begin();
        assertThat(f.end()).isFalse();
        assertThat(f.rejected()).isZero();
    }

    private static void period(ClockFilter f, long offset, long delay) {
        f.begin();
        f.offer(offset + 7, delay + 5_000, 1);
        f.offer(offset, delay, 2);
    }
}
