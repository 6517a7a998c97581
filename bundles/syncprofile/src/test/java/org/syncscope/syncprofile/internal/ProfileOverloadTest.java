package org.syncscope.syncprofile.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PvValue;
import org.syncscope.syncprofile.ProfileStatus;
import org.syncscope.testing.MemorySource;

/**
 * Profiles on their real threads under overload: a backlog never delays removal or an edit, a
 * full queue drops (counted) instead of growing, and one overloaded profile costs another nothing.
 */
class ProfileOverloadTest {

    private static final long T0 = 1_764_000_000_000_000_000L;
    private static final long MS = 1_000_000L;

    /** A publisher whose every post takes about a millisecond, as a profile with thousands of pairs does. */
    private static FakePvs.Publisher slowPublisher() {
        return new FakePvs.Publisher() {
            @Override
            void recorded(String name) {
                long until = System.nanoTime() + MS;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }
        };
    }

    private static void flood(MemorySource source, String pv, int n) {
        for (int i = 0; i < n; i++) {
            source.update(pv, T0 + i * MS);
        }
    }

    @Test
    void removingAProfileWithA100000UpdateBacklogDropsItAndWithdrawsEverythingAtOnce() {
        MemorySource source = new MemorySource();
        FakePvs.Publisher publisher = slowPublisher();
        SyncProfile p = new SyncProfile("big", new ProfileSettings(List.of("A", "B"), 100, TimestampMode.SOURCE, "", 0,
                200_000), source, publisher, new WorkerLane("big", 200_000));
        flood(source, "A", 120_000);
        assertThat(p.pendingUpdates()).isGreaterThanOrEqualTo(100_000);

        long start = System.nanoTime();
        p.close();
        long millis = (System.nanoTime() - start) / MS;
        System.out.printf("close with a backlog of 100 000+ updates: %d ms%n", millis);

        assertThat(publisher.posts).as("every output withdrawn").isEmpty();
        assertThat(source.subscribed()).as("every monitor closed").isEmpty();
        assertThat(p.pendingUpdates()).isZero();
        // It did not work through the backlog: at a millisecond a post, 100 000 updates are minutes.
        assertThat(publisher.closed).contains("A:AvgFreq", "A_vs_B:CurrentDiff");
        assertThat(millis).as("the acceptance bound (measured: a few ms)").isLessThan(1_000);
    }

    @Test
    void anEditDoesNotWaitForTheBacklogEither() {
        MemorySource source = new MemorySource();
        FakePvs.Publisher publisher = slowPublisher();
        SyncProfile p = new SyncProfile("big", new ProfileSettings(List.of("A", "B"), 100, TimestampMode.SOURCE, "", 0,
                200_000), source, publisher, new WorkerLane("big", 200_000));
        try {
            flood(source, "A", 110_000);
            long start = System.nanoTime();
            p.apply(new ProfileSettings(List.of("A", "B", "C"), 100, TimestampMode.SOURCE, "", 0, 200_000));
            long millis = (System.nanoTime() - start) / MS;
            assertThat(publisher.has("C:AvgFreq")).isTrue();
            assertThat(p.pendingUpdates()).as("the old settings' backlog is dropped").isLessThan(100);
            assertThat(millis).isLessThan(1_000);
        } finally {
            p.close();
        }
    }

    @Test
    void anOverloadedProfileDropsItsOwnUpdatesAndTheOtherGetsEveryOne() {
        MemorySource source = new MemorySource();
        FakePvs.Publisher slow = slowPublisher();
        FakePvs.Publisher fast = new FakePvs.Publisher();
        SyncProfile overloaded = new SyncProfile("over", new ProfileSettings(List.of("A"), 100, TimestampMode.SOURCE,
                "", 0, 1_000), source, slow, new WorkerLane("over", 1_000));
        MemorySource other = new MemorySource();
        SyncProfile calm = new SyncProfile("calm", new ProfileSettings(List.of("X"), 100, TimestampMode.SOURCE, "", 0,
                1_000), other, fast, new WorkerLane("calm", 1_000));
        try {
            other.connect("X", true);
            // the same source thread feeds both, interleaved: 50 000 to the overloaded one, 500 to the calm one
            for (int i = 0; i < 50_000; i++) {
                source.update("A", T0 + i * MS);
                if (i % 100 == 0) {
                    other.update("X", T0 + i * MS);
                }
            }
            assertThat(overloaded.droppedUpdates()).as("the overloaded profile drops").isGreaterThan(40_000);
            assertThat(overloaded.pendingUpdates()).isLessThanOrEqualTo(1_000);
            await().atMost(Duration.ofSeconds(10)).until(() -> calm.status().inputs().get(0).updates() == 500);
            assertThat(calm.droppedUpdates()).isZero();
            assertThat(calm.status().inputs().get(0).avgHz()).isEqualTo(10.0);
            ProfileStatus s = overloaded.status();
            assertThat(s.dropped()).isEqualTo(overloaded.droppedUpdates());
            assertThat(s.queueCapacity()).isEqualTo(1_000);
        } finally {
            overloaded.close();
            calm.close();
        }
    }

    @Test
    void droppedUpdatesAreServedAsAPvWithAnAlarm() {
        MemorySource source = new MemorySource();
        FakePvs.Publisher slow = slowPublisher();
        SyncProfile p = new SyncProfile("over", new ProfileSettings(List.of("A"), 100, TimestampMode.SOURCE, "", 0, 10),
                source, slow, new WorkerLane("over", 10));
        try {
            flood(source, "A", 1_000);
            long dropped = p.droppedUpdates();
            assertThat(dropped).isGreaterThan(900);
            await().atMost(Duration.ofSeconds(10)).until(() -> slow.posts.containsKey("SYNCPROFILE:over:DroppedUpdates")
                    && !slow.posts.get("SYNCPROFILE:over:DroppedUpdates").isEmpty()
                    && slow.last("SYNCPROFILE:over:DroppedUpdates").value() == dropped);
            assertThat(slow.last("SYNCPROFILE:over:DroppedUpdates").severity()).isEqualTo(AlarmSeverity.MINOR);
        } finally {
            p.close();
        }
    }

    @Test
    void aProfileThatCannotFitIsRefusedWithItsEstimate() {
        ProfileRegistry registry = new ProfileRegistry(100_000_000L);
        List<String> pvs = java.util.stream.IntStream.range(0, 1_000).mapToObj(i -> "PV" + i).toList();
        ProfileSettings huge = new ProfileSettings(pvs, 100, TimestampMode.SOURCE, "", 0);
        assertThatThrownBy(() -> registry.reserve("huge", huge))
                .hasMessageContaining("profile huge needs about 1000 PVs + 499500 pairs = 1000 x 2800 B + 499500 x 485 B")
                .hasMessageContaining("window 100")
                .hasMessageContaining(StateEstimate.mb(StateEstimate.bytes(huge)))
                .hasMessageContaining("100.0 MB");
        ProfileSettings small = new ProfileSettings(List.of("A", "B"), 100, TimestampMode.SOURCE, "", 0);
        // room for one small profile, not two
        ProfileRegistry tight = new ProfileRegistry(StateEstimate.bytes(small) * 3 / 2);
        tight.reserve("small", small);
        // the same name again replaces its own reservation rather than counting twice
        tight.reserve("small", small);
        assertThatThrownBy(() -> tight.reserve("other", small)).hasMessageContaining("profile other needs about");
        tight.release("small");
        tight.reserve("other", small);
        // per input its frequency window; per pair its PairTable row (64 B + 4 B per sample) and 21 B of index and pairing state
        assertThat(StateEstimate.bytes(huge)).isEqualTo(1_000L * (400 + 24 * 100) + 499_500L * (64 + 4 * 100 + 21)
                + 120L * 20_000);
    }

    @Test
    void aProfileOnItsOwnThreadPublishesItsStatistics() {
        MemorySource source = new MemorySource();
        FakePvs.Publisher publisher = new FakePvs.Publisher();
        SyncProfile p = new SyncProfile("v", new ProfileSettings(List.of("A"), 10, TimestampMode.SOURCE, "", 0, 100),
                source, publisher, new WorkerLane("v", 100));
        try {
            source.connect("A", true);
            source.update("A", T0 - 5_000 * MS);   // the current value, not a fresh update
            source.update("A", T0, new PvValue.DoubleValue(1), AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
            source.update("A", T0 + 100 * MS);
            await().atMost(Duration.ofSeconds(5)).until(() -> publisher.has("A:AvgFreq")
                    && !publisher.posts.get("A:AvgFreq").isEmpty());
            assertThat(publisher.last("A:AvgFreq").value()).isEqualTo(10.0);
        } finally {
            p.close();
        }
    }
}
