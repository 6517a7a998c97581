package org.syncscope.syncprofile.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;
import org.syncscope.syncprofile.ProfileStatus;
import org.syncscope.testing.MemorySource;

/** A profile driven by scripted update streams, run inline so every output is deterministic. */
class SyncProfileTest {

    private static final long T0 = 1_764_000_000_000_000_000L;
    private static final long MS = 1_000_000L;

    private final MemorySource source = new MemorySource();
    private final FakePvs.Publisher publisher = new FakePvs.Publisher();

    private SyncProfile profile(List<String> pvs, String prefix, double publishRateHz) {
        return new SyncProfile("test", new ProfileSettings(pvs, 100, TimestampMode.SOURCE, prefix, publishRateHz),
                source, publisher, new InlineLane());
    }

    /** A at 10 Hz from T0, B at 1 Hz from T0 + 30 ms, merged in time order, for {@code seconds}. */
    private void tenAndOneHertz(int seconds) {
        for (long ms = 0; ms < seconds * 1000L; ms++) {
            if (ms % 100 == 0) {
                source.update("A", T0 + ms * MS);
            }
            if (ms % 1000 == 30) {
                source.update("B", T0 + ms * MS);
            }
        }
    }

    @Test
    void everyOutputOfTenHertzAgainstOneHertz() {
        profile(List.of("A", "B"), "P:", 0);
        source.connect("A", true);
        source.connect("B", true);
        tenAndOneHertz(5);

        assertThat(publisher.last("P:A:InstantFreq").value()).isEqualTo(10.0);
        assertThat(publisher.last("P:A:AvgFreq").value()).isEqualTo(10.0);
        assertThat(publisher.last("P:A:MinFreq").value()).isEqualTo(10.0);
        assertThat(publisher.last("P:A:MaxFreq").value()).isEqualTo(10.0);
        assertThat(publisher.last("P:A:StdFreq").value()).isZero();
        assertThat(publisher.last("P:B:InstantFreq").value()).isEqualTo(1.0);
        assertThat(publisher.last("P:B:AvgFreq").value()).isEqualTo(1.0);
        assertThat(publisher.last("P:B:StdFreq").value()).isZero();
        // CurrentDiff is the latest pair sample (latest(A) - latest(B) would be 4.9 s - 4.03 s)
        assertThat(publisher.last("P:A_vs_B:CurrentDiff").value()).isEqualTo(-0.030);
        assertThat(publisher.last("P:A_vs_B:AvgDiff").value()).isEqualTo(-0.030);
        assertThat(publisher.last("P:A_vs_B:MinDiff").value()).isEqualTo(-0.030);
        assertThat(publisher.last("P:A_vs_B:MaxDiff").value()).isEqualTo(-0.030);
        assertThat(publisher.last("P:A_vs_B:StdDiff").value()).isZero();
        // every 1 Hz update but the first (the current value CA sends on connecting) was paired
        // exactly once: 4 samples, 4 posts of AvgDiff
        assertThat(publisher.count("P:A_vs_B:AvgDiff")).isEqualTo(4);
        assertThat(publisher.count("P:A_vs_B:CurrentDiff")).isEqualTo(4);
        // outputs carry the time of the update that produced them
        assertThat(publisher.last("P:A:AvgFreq").timestamp()).isEqualTo(T0 + 4900 * MS);
        assertThat(publisher.last("P:A_vs_B:AvgDiff").timestamp()).isEqualTo(T0 + 4030 * MS);
        assertThat(publisher.last("P:A:AvgFreq").severity()).isEqualTo(AlarmSeverity.NO_ALARM);
    }

    @Test
    void jitteredIntervalsGiveTheirStatistics() {
        profile(List.of("A"), "", 0);
        source.connect("A", true);
        source.update("A", T0 - 3_000 * MS);   // the current value, stamped long before: no interval
        long t = T0;
        source.update("A", t);
        for (long dt : new long[] {100, 90, 110}) {
            t += dt * MS;
            source.update("A", t);
        }
        double f1 = 10.0;
        double f2 = 1e9 / 90e6;
        double f3 = 1e9 / 110e6;
        double mean = (f1 + f2 + f3) / 3;
        double std = Math.sqrt(((f1 - mean) * (f1 - mean) + (f2 - mean) * (f2 - mean) + (f3 - mean) * (f3 - mean)) / 3);
        assertThat(publisher.last("A:InstantFreq").value()).isEqualTo(f3);
        assertThat(publisher.last("A:AvgFreq").value()).isCloseTo(mean, within(1e-12));
        assertThat(publisher.last("A:MinFreq").value()).isEqualTo(f3);
        assertThat(publisher.last("A:MaxFreq").value()).isEqualTo(f2);
        assertThat(publisher.last("A:StdFreq").value()).isCloseTo(std, within(1e-12));
    }

    @Test
    void duplicateAndBackwardUpdatesChangeNothing() {
        SyncProfile p = profile(List.of("A", "B"), "", 0);
        source.connect("A", true);
        source.connect("B", true);
        source.update("A", T0);
        source.update("B", T0 + 5 * MS);
        source.update("A", T0 + 100 * MS);
        int posts = publisher.count("A:AvgFreq");
        int pairPosts = publisher.count("A_vs_B:CurrentDiff");
        source.update("A", T0 + 100 * MS);   // duplicate
        source.update("A", T0 + 50 * MS);    // backwards
        assertThat(publisher.count("A:AvgFreq")).isEqualTo(posts);
        assertThat(publisher.count("A_vs_B:CurrentDiff")).isEqualTo(pairPosts);
        ProfileStatus.Input a = p.status().inputs().get(0);
        assertThat(a.rejected()).isEqualTo(2);
        assertThat(a.updates()).isEqualTo(2);
    }

    @Test
    void anUndefinedRecordIsNotAnUpdate() {
        SyncProfile p = profile(List.of("A", "B"), "", 0);
        source.connect("A", true);
        source.connect("B", true);
        source.update("A", T0 - 1_000 * MS);   // the current values
        source.update("B", T0 - 1_000 * MS);
        // a record that was reset, read before its next processing: UDF, stamped at the EPICS epoch
        source.update("B", 631_152_000_000_000_000L, new PvValue.DoubleValue(0), AlarmSeverity.INVALID, AlarmStatus.UDF);
        source.update("A", T0);
        source.update("B", T0 + 30 * MS);
        assertThat(publisher.last("A_vs_B:AvgDiff").value()).isEqualTo(-0.030);
        assertThat(p.status().inputs().get(1).rejected()).isEqualTo(1);
    }

    @Test
    void disconnectMakesOutputsInvalidKeepingValuesAndStatistics() {
        SyncProfile p = profile(List.of("A", "B"), "", 0);
        source.connect("A", true);
        source.connect("B", true);
        tenAndOneHertz(3);
        double avg = publisher.last("A:AvgFreq").value();
        long samples = p.status().inputs().get(0).samples();

        source.connect("A", false);
        assertThat(publisher.last("A:AvgFreq").severity()).isEqualTo(AlarmSeverity.INVALID);
        assertThat(publisher.last("A:AvgFreq").value()).isEqualTo(avg);
        assertThat(publisher.last("A_vs_B:AvgDiff").severity()).isEqualTo(AlarmSeverity.INVALID);
        assertThat(publisher.last("B:AvgFreq").severity()).isEqualTo(AlarmSeverity.NO_ALARM);
        assertThat(p.status().pairs().get(0).valid()).isFalse();

        source.connect("A", true);
        assertThat(publisher.last("A:AvgFreq").severity()).as("valid again with its next sample, not before")
                .isEqualTo(AlarmSeverity.INVALID);
        source.update("A", T0 + 2950 * MS);   // the current value
        source.update("A", T0 + 3000 * MS);   // a baseline: no interval spans the outage
        source.update("A", T0 + 3100 * MS);
        assertThat(publisher.last("A:AvgFreq").severity()).isEqualTo(AlarmSeverity.NO_ALARM);
        assertThat(p.status().inputs().get(0).samples()).as("statistics survive a disconnect").isEqualTo(samples + 1);
        assertThat(publisher.last("A_vs_B:AvgDiff").severity()).as("no pair sample yet").isEqualTo(AlarmSeverity.INVALID);
        source.update("B", T0 + 3130 * MS);
        assertThat(publisher.last("A_vs_B:AvgDiff").severity()).isEqualTo(AlarmSeverity.NO_ALARM);
    }

    @Test
    void liveChangesAddAndRemovePvsKeepingTheRest() {
        SyncProfile p = profile(List.of("A", "B"), "", 0);
        source.connect("A", true);
        source.connect("B", true);
        tenAndOneHertz(2);
        long aSamples = p.status().inputs().get(0).samples();

        p.apply(new ProfileSettings(List.of("A", "B", "C"), 100, TimestampMode.SOURCE, "", 0));
        assertThat(publisher.has("C:AvgFreq")).isTrue();
        assertThat(publisher.has("A_vs_C:CurrentDiff")).isTrue();
        assertThat(publisher.has("B_vs_C:StdDiff")).isTrue();
        assertThat(source.subscribed()).contains("A", "B", "C");
        assertThat(p.status().inputs().get(0).samples()).isEqualTo(aSamples);

        p.apply(new ProfileSettings(List.of("A", "C"), 100, TimestampMode.SOURCE, "", 0));
        assertThat(publisher.has("B:AvgFreq")).isFalse();
        assertThat(publisher.has("A_vs_B:CurrentDiff")).isFalse();
        assertThat(publisher.has("B_vs_C:CurrentDiff")).isFalse();
        assertThat(source.closed()).containsExactly("B");
        assertThat(p.status().inputs().get(0).samples()).isEqualTo(aSamples);
    }

    @Test
    void aNewWindowRestartsTheStatisticsOnTheSameOutputPvs() {
        SyncProfile p = profile(List.of("A", "B"), "", 0);
        source.connect("A", true);
        source.connect("B", true);
        tenAndOneHertz(2);
        assertThat(p.status().inputs().get(0).samples()).isGreaterThan(10);

        p.apply(new ProfileSettings(List.of("A", "B"), 5, TimestampMode.SOURCE, "", 0));
        assertThat(p.settings().window()).isEqualTo(5);
        assertThat(p.status().inputs().get(0).samples()).as("statistics restarted").isZero();
        assertThat(publisher.closed).as("the outputs stay served: clients keep their channels").isEmpty();
        assertThat(source.closed()).containsExactlyInAnyOrder("A", "B");   // monitored again from scratch
        int posts = publisher.count("A:AvgFreq");
        source.connect("A", true);
        source.update("A", T0 + 10_000 * MS);   // the current value
        source.update("A", T0 + 10_100 * MS);
        source.update("A", T0 + 10_200 * MS);
        assertThat(publisher.count("A:AvgFreq")).isEqualTo(posts + 1);
        assertThat(p.status().inputs().get(0).samples()).isEqualTo(1);
    }

    @Test
    void aPrefixChangeRenamesOutputsAndKeepsValues() {
        SyncProfile p = profile(List.of("A", "B"), "", 0);
        source.connect("A", true);
        source.connect("B", true);
        tenAndOneHertz(2);
        p.apply(new ProfileSettings(List.of("A", "B"), 100, TimestampMode.SOURCE, "SITE:", 0));
        assertThat(publisher.has("A:AvgFreq")).isFalse();
        assertThat(publisher.last("SITE:A:AvgFreq").value()).isEqualTo(10.0);
        assertThat(publisher.last("SITE:A_vs_B:AvgDiff").value()).isEqualTo(-0.030);
    }

    @Test
    void aRefusedChangeLeavesTheProfileAsItWas() {
        SyncProfile p = profile(List.of("A"), "", 0);
        String longName = "X".repeat(50);
        assertThatThrownBy(() -> p.apply(new ProfileSettings(List.of("A", longName), 100, TimestampMode.SOURCE, "", 0)))
                .hasMessageContaining("too long");
        assertThat(publisher.posts.keySet()).allMatch(n -> n.startsWith("A:") || n.startsWith(StatusOutputs.PREFIX));
        assertThat(p.settings().pvs()).containsExactly("A");
        assertThat(source.subscribed()).containsOnly("A");
    }

    @Test
    void aPublishRatePostsOnlyTheLatestValueAtEachTick() {
        SyncProfile p = profile(List.of("A"), "", 5);
        source.connect("A", true);
        for (int k = 0; k < 5; k++) {
            source.update("A", T0 + k * 100 * MS);
        }
        assertThat(publisher.posts.get("A:AvgFreq")).isEmpty();
        p.flushAll();
        assertThat(publisher.count("A:AvgFreq")).isEqualTo(1);
        assertThat(publisher.last("A:AvgFreq").timestamp()).isEqualTo(T0 + 400 * MS);
        p.flushAll();
        assertThat(publisher.count("A:AvgFreq")).as("nothing new, nothing posted").isEqualTo(1);
    }

    @Test
    void valueModeReadsThePvAsSeconds() {
        new SyncProfile("v", new ProfileSettings(List.of("TS"), 10, TimestampMode.VALUE, "", 0), source, publisher,
                new InlineLane());
        source.connect("TS", true);
        source.update("TS", T0 - MS, new PvValue.DoubleValue(1_699_999_000.0));   // the current value
        source.update("TS", T0, new PvValue.DoubleValue(1_700_000_000.0));
        source.update("TS", T0 + MS, new PvValue.DoubleValue(1_700_000_000.5));
        source.update("TS", T0 + 2 * MS, new PvValue.StringValue("not a time"));
        assertThat(publisher.last("TS:InstantFreq").value()).isEqualTo(2.0);
        assertThat(publisher.last("TS:InstantFreq").timestamp()).isEqualTo(1_700_000_000_500_000_000L);
    }

    @Test
    void closeWithdrawsEverything() {
        SyncProfile p = profile(List.of("A", "B"), "", 0);
        p.close();
        assertThat(publisher.posts).isEmpty();
        assertThat(source.subscribed()).isEmpty();
    }

    @Test
    void aPublisherThatGoesAndReturnsGetsEveryOutputBackWithItsValueAndStatisticsGoOn() {
        SyncProfile p = profile(List.of("A", "B"), "", 0);
        source.connect("A", true);
        source.connect("B", true);
        tenAndOneHertz(3);
        long samples = p.status().inputs().get(0).samples();

        p.publisherGone(publisher);
        assertThat(publisher.posts).as("withdrawn from the publisher going away").isEmpty();
        assertThat(p.status().hasPublisher()).isFalse();
        source.update("A", T0 + 3000 * MS);   // statistics go on meanwhile

        FakePvs.Publisher next = new FakePvs.Publisher();
        p.setPublisher(next);
        assertThat(next.last("A:AvgFreq").value()).isEqualTo(10.0);
        assertThat(next.last("A_vs_B:AvgDiff").value()).isEqualTo(-0.030);
        assertThat(next.last("A:AvgFreq").timestamp()).as("the value's own time").isEqualTo(T0 + 3000 * MS);
        assertThat(next.has("SYNCPROFILE:test:DroppedUpdates")).isTrue();
        assertThat(p.status().inputs().get(0).samples()).isEqualTo(samples + 1);
        source.update("A", T0 + 3100 * MS);
        assertThat(p.status().inputs().get(0).samples()).isEqualTo(samples + 2);
        assertThat(next.count("A:InstantFreq")).isEqualTo(2);
    }

    @Test
    void aSourceThatGoesAndReturnsIsSubscribedAgainAndStatisticsGoOn() {
        SyncProfile p = profile(List.of("A", "B"), "", 0);
        source.connect("A", true);
        source.connect("B", true);
        tenAndOneHertz(3);
        long samples = p.status().inputs().get(0).samples();
        PvListenerCapture old = new PvListenerCapture(source.listener("A"));

        p.sourceGone(source);
        assertThat(source.subscribed()).as("monitors closed").isEmpty();
        assertThat(publisher.last("A:AvgFreq").severity()).isEqualTo(AlarmSeverity.INVALID);
        assertThat(p.status().hasSource()).isFalse();
        old.listener.onUpdate(new org.syncscope.api.pv.PvUpdate("A", new PvValue.DoubleValue(0), T0 + 3050 * MS,
                T0 + 3050 * MS, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM));
        assertThat(p.status().inputs().get(0).samples()).as("a late update of the old monitor is ignored")
                .isEqualTo(samples);

        MemorySource next = new MemorySource();
        p.setSource(next);
        assertThat(next.subscribed()).containsOnly("A", "B");
        next.connect("A", true);
        next.connect("B", true);
        next.update("A", T0 + 2950 * MS);   // the current value
        next.update("A", T0 + 3000 * MS);
        next.update("A", T0 + 3100 * MS);
        assertThat(publisher.last("A:AvgFreq").severity()).isEqualTo(AlarmSeverity.NO_ALARM);
        assertThat(p.status().inputs().get(0).samples()).as("the statistics went on").isEqualTo(samples + 1);
    }

    private record PvListenerCapture(org.syncscope.api.pv.PvListener listener) {
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> new ProfileSettings(List.of(), 100, TimestampMode.SOURCE, "", 0))
                .hasMessage("pvs: the list is empty");
        assertThatThrownBy(() -> new ProfileSettings(List.of("A", "A"), 100, TimestampMode.SOURCE, "", 0))
                .hasMessage("pvs: 'A' appears twice");
        assertThatThrownBy(() -> new ProfileSettings(List.of("A"), 0, TimestampMode.SOURCE, "", 0))
                .hasMessage("window: 0 (must be at least 1)");
        assertThatThrownBy(() -> TimestampMode.parse("wallclock"))
                .hasMessage("timestamp: 'wallclock' is not source, receive or value");
        assertThatThrownBy(() -> new ProfileSettings(List.of("A"), 1, TimestampMode.SOURCE, "", -1))
                .hasMessageContaining("publishRateHz: -1.0");
        assertThat(ProfileSettings.splitList(new String[] {"A, B", "C"})).containsExactly("A", "B", "C");
    }

    @Test
    void aProfileThatCannotPublishItsStatusPvsLeavesNoSubscriptionOrOutput() {
        publisher.publish(PvSpec.ofLong("SYNCPROFILE:test:DroppedUpdates", "", "taken by someone else"));
        assertThatThrownBy(() -> profile(List.of("A", "B", "C"), "", 0))
                .hasMessageContaining("SYNCPROFILE:test:DroppedUpdates");
        assertThat(source.subscribed()).isEmpty();
        assertThat(source.closed()).containsExactlyInAnyOrder("A", "B", "C");
        assertThat(publisher.posts.keySet()).containsExactly("SYNCPROFILE:test:DroppedUpdates");
    }
}
