package org.syncscope.timestamp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Sync rounds fall on a grid of exactly the configured period, whatever the rounds take. */
class SyncScheduleTest {

    private static final long S = 1_000_000_000L;

    @Test
    void roundsRunEveryPeriodExactlyHoweverLongEachTakes() {
        for (long period : new long[] {S, 10 * S}) {
            SyncSchedule schedule = new SyncSchedule();
            long start = 5 * S;
            schedule.start(start, period);
            SplittableRandom random = new SplittableRandom(period);
            long round = start;
            for (int k = 1; k <= 1000; k++) {
                // the executor wakes the round up to 2 ms late; the round takes up to 90 % of a period
                long ended = round + random.nextLong(2_000_000) + random.nextLong(period * 9 / 10);
                round = ended + schedule.next(ended);
                assertThat(round).as("round %d", k).isEqualTo(start + k * period);
            }
            assertThat(schedule.skipped()).isZero();
        }
    }

    @Test
    void aRoundThatOverrunsSkipsGridPointsInsteadOfRunningTwice() {
        SyncSchedule schedule = new SyncSchedule();
        schedule.start(0, S);
        long delay = schedule.next(2_500_000_000L);   // the first round waited 2.5 s for silent servers
        assertThat(2_500_000_000L + delay).isEqualTo(3 * S);
        assertThat(schedule.skipped()).isEqualTo(2);
    }
}
