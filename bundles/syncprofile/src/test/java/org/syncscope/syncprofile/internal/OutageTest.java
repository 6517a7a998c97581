package org.syncscope.syncprofile.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.syncprofile.ProfileStatus;
import org.syncscope.testing.MemorySource;

/**
 * Input IOCs that go away and return, profiles that start and are edited: no output's timestamps
 * go back, and no frequency or pair sample spans an outage or uses the value a channel sends on
 * connecting (stamped before the connection).
 */
class OutageTest {

    private static final long T0 = 1_764_000_000_000_000_000L;
    private static final long MS = 1_000_000L;

    private final MemorySource source = new MemorySource();
    private final FakePvs.Publisher publisher = new FakePvs.Publisher();

    private SyncProfile profile(ProfileLane lane) {
        return new SyncProfile("t", new ProfileSettings(List.of("A", "B"), 100, TimestampMode.SOURCE, "", 0), source,
                publisher, lane);
    }

    /** Both IOCs connect and send their current values, stamped {@code ageMs} before {@code fromMs}. */
    private void connect(long fromMs, long ageMs) {
        source.connect("A", true);
        source.connect("B", true);
        source.update("A", T0 + (fromMs - ageMs) * MS);
        source.update("B", T0 + (fromMs - ageMs - 30) * MS);
    }

    /** A and B at 10 Hz; B's records are stamped 30 ms before A's but arrive after them. */
    private void run(long fromMs, long toMs) {
        for (long ms = fromMs; ms < toMs; ms += 100) {
            source.update("A", T0 + ms * MS);
            source.update("B", T0 + (ms - 30) * MS);
        }
    }

    private void outage() {
        source.connect("A", false);
        source.connect("B", false);
    }

    @Test
    void noOutputTimestampGoesBackAcrossOutagesReconnectsAndEdits() {
        SyncProfile p = profile(new InlineLane());
        connect(0, 40);
        run(0, 2_000);
        outage();
        connect(22_000, 40);   // the IOC returned 20 s later; its current values are stamped before it connected
        run(22_000, 24_000);
        p.apply(new ProfileSettings(List.of("A", "B"), 10, TimestampMode.SOURCE, "", 0));   // restarts the statistics
        source.update("A", T0 + 23_950 * MS);   // the current values of the new monitors
        source.update("B", T0 + 23_920 * MS);
        run(24_000, 25_000);
        outage();
        connect(45_000, 40);
        run(45_000, 46_000);

        for (Map.Entry<String, List<FakePvs.Post>> output : publisher.posts.entrySet()) {
            if (output.getKey().startsWith(StatusOutputs.PREFIX)) {
                continue;
            }
            List<FakePvs.Post> posts = output.getValue();
            assertThat(posts).as(output.getKey()).isNotEmpty();
            for (int k = 1; k < posts.size(); k++) {
                assertThat(posts.get(k).timestamp()).as("%s post %d of %d: %s", output.getKey(), k, posts.size(), posts)
                        .isGreaterThanOrEqualTo(posts.get(k - 1).timestamp());
            }
        }
    }

    @Test
    void outputsGoInvalidAtTheOutageAndValidWithTheirFirstSampleAfterIt() {
        profile(new InlineLane());
        connect(0, 40);
        run(0, 2_000);
        outage();
        FakePvs.Post invalid = publisher.last("A:AvgFreq");
        assertThat(invalid.severity()).isEqualTo(AlarmSeverity.INVALID);
        assertThat(invalid.timestamp()).as("just after the last sample, not the wall clock").isEqualTo(T0 + 1_900 * MS + 1);
        assertThat(publisher.last("A_vs_B:MinDiff").severity()).isEqualTo(AlarmSeverity.INVALID);

        connect(22_000, 40);
        assertThat(publisher.last("A:AvgFreq").severity()).as("not valid before a sample").isEqualTo(AlarmSeverity.INVALID);
        run(22_000, 22_200);
        assertThat(publisher.last("A:AvgFreq").severity()).isEqualTo(AlarmSeverity.NO_ALARM);
        assertThat(publisher.last("A:AvgFreq").timestamp()).isEqualTo(T0 + 22_100 * MS);
        assertThat(publisher.last("A_vs_B:MinDiff").severity()).isEqualTo(AlarmSeverity.NO_ALARM);
    }

    @Test
    void noSampleSpansAnOutage() {
        profile(new InlineLane());
        connect(0, 40);
        run(0, 2_000);
        source.update("A", T0 + 2_000 * MS);   // an A update B never matched before the IOC went away
        outage();
        source.connect("B", true);
        source.connect("A", true);
        source.update("B", T0 + 21_930 * MS);   // the current values, B's first this time
        source.update("A", T0 + 21_960 * MS);
        run(22_000, 24_000);

        assertThat(publisher.last("A:MinFreq").value()).as("no 0.05 Hz interval across the outage").isEqualTo(10.0);
        assertThat(publisher.last("A:MaxFreq").value()).isEqualTo(10.0);
        assertThat(publisher.last("A_vs_B:MinDiff").value()).as("no pre-outage update paired with a later one")
                .isEqualTo(0.030);
        assertThat(publisher.last("A_vs_B:MaxDiff").value()).isEqualTo(0.030);
    }

    @Test
    void theValueSentOnConnectingIsNoFreshUpdate() {
        SyncProfile p = profile(new InlineLane());
        // B updates once a second; its current value was stamped 650 ms before the profile started,
        // A's (a record that had paused) 3 s before
        source.connect("A", true);
        source.connect("B", true);
        source.update("A", T0 - 3_000 * MS);
        source.update("B", T0 - 650 * MS);
        for (long ms = 0; ms < 5_000; ms += 100) {
            source.update("A", T0 + ms * MS);
            if (ms % 1000 == 300) {
                source.update("B", T0 + (ms + 50) * MS);
            }
        }
        assertThat(publisher.last("A:MinFreq").value()).isEqualTo(10.0);
        assertThat(publisher.last("A_vs_B:MaxDiff").value()).isEqualTo(-0.050);
        assertThat(publisher.last("A_vs_B:MinDiff").value()).isEqualTo(-0.050);

        // an edit monitors again: the current values come again, and are not paired either
        p.apply(new ProfileSettings(List.of("A", "B"), 50, TimestampMode.SOURCE, "", 0));
        source.update("B", T0 + 4_350 * MS);
        source.update("A", T0 + 4_900 * MS);
        for (long ms = 5_000; ms < 8_000; ms += 100) {
            source.update("A", T0 + ms * MS);
            if (ms % 1000 == 300) {
                source.update("B", T0 + (ms + 50) * MS);
            }
        }
        assertThat(publisher.last("A_vs_B:MaxDiff").value()).isEqualTo(-0.050);
        assertThat(publisher.last("A:MinFreq").value()).isEqualTo(10.0);
    }

    @Test
    void currentDiffIsTheLatestPairSampleSoWithinMinAndMax() {
        profile(new InlineLane());
        connect(0, 40);
        for (long ms = 0; ms < 3_000; ms += 100) {
            source.update("A", T0 + ms * MS);
            currentWithinMinAndMax();
            source.update("B", T0 + (ms - 30 + ms % 300 / 10) * MS);   // a jittered B
            currentWithinMinAndMax();
        }
        assertThat(publisher.count("A_vs_B:CurrentDiff")).isEqualTo(publisher.count("A_vs_B:AvgDiff"));
    }

    private void currentWithinMinAndMax() {
        if (publisher.count("A_vs_B:MinDiff") > 0) {
            assertThat(publisher.last("A_vs_B:CurrentDiff").value()).isBetween(publisher.last("A_vs_B:MinDiff").value(),
                    publisher.last("A_vs_B:MaxDiff").value());
        }
    }

    @Test
    void updatesQueuedBeforeADisconnectAreNotUsedAfterIt() throws Exception {
        WorkerLane lane = new WorkerLane("t", 1_000);
        SyncProfile p = profile(lane);
        try {
            CountDownLatch gate = new CountDownLatch(1);
            lane.execute(() -> {
                try {
                    gate.await();   // a busy profile: updates and connection changes queue up behind this
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            connect(0, 40);
            run(0, 2_000);
            outage();   // control work runs before the queued updates...
            connect(22_000, 40);
            run(22_000, 24_000);
            gate.countDown();   // ...so the pre-outage updates are processed after the reconnect
            await().atMost(Duration.ofSeconds(5)).until(() -> lane.queued() == 0 && p.status().inputs().get(0).samples() > 0);

            ProfileStatus s = p.status();
            assertThat(s.inputs().get(0).samples()).as("only the updates after the reconnect").isEqualTo(19);
            assertThat(s.inputs().get(0).minHz()).isEqualTo(10.0);
            assertThat(s.pairs().get(0).min()).isEqualTo(0.030);
            assertThat(s.pairs().get(0).max()).isEqualTo(0.030);
        } finally {
            p.close();
        }
    }
}
