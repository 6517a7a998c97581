package org.syncscope.syncprofile.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncscope.api.status.ProfileView;
import org.syncscope.syncprofile.ProfileState;
import org.syncscope.testing.MemorySource;

/** What the status page and the metrics get of a profile: the values its outputs carry, pairs bounded. */
class ProfileViewsTest {

    private static final long T0 = 1_764_000_000_000_000_000L;
    private static final long MS = 1_000_000L;

    private final MemorySource source = new MemorySource();
    private final InlineLane lane = new InlineLane();

    private SyncProfile profile() {
        SyncProfile p = new SyncProfile("view", new ProfileSettings(List.of("A", "B", "C"), 100, TimestampMode.SOURCE,
                "X:", 0, 20_000, 50, Pairing.parse(new String[] {"all"}), 1), source, new FakePvs.Publisher(), lane);
        for (String pv : List.of("A", "B", "C")) {
            source.connect(pv, true);
            source.update(pv, T0 - 1_000 * MS);
        }
        for (int k = 0; k < 20; k++) {
            source.update("A", T0 + k * 100 * MS);
            source.update("B", T0 + k * 100 * MS + 30 * MS);
            source.update("C", T0 + k * 200 * MS + 50 * MS);
        }
        return p;
    }

    private static ProfileState running() {
        return new ProfileState("view", "pid", "etc/org.syncscope.syncprofile-view.cfg", ProfileState.State.RUNNING, "",
                List.of("A", "B", "C"));
    }

    @Test
    void everyInputAndTheFirstPairsWithTheirStatistics() {
        SyncProfile p = profile();
        ProfileView v = ProfileViews.of(running(), p, 2);
        assertThat(v.state()).isEqualTo("running");
        assertThat(v.prefix()).isEqualTo("X:");
        assertThat(v.pairCount()).as("all pairs of 3").isEqualTo(3);
        assertThat(v.processed()).as("3 first updates and 60 more").isEqualTo(63);
        assertThat(v.inputs()).extracting(ProfileView.InputView::pv).containsExactly("A", "B", "C");
        assertThat(v.inputs().get(0).avgHz()).isCloseTo(10, within(1e-9));
        assertThat(v.inputs().get(2).avgHz()).isCloseTo(5, within(1e-9));
        assertThat(v.inputs()).allMatch(ProfileView.InputView::connected);
        assertThat(v.pairs()).extracting(ProfileView.PairView::name).containsExactly("A_vs_B", "A_vs_C");
        assertThat(v.pairs().get(0).avg()).as("A_vs_B's AvgDiff, s").isCloseTo(-0.030, within(1e-12));
        assertThat(v.pairs().get(0).valid()).isTrue();

        source.connect("B", false);
        ProfileView after = ProfileViews.of(running(), p, 2);
        assertThat(after.inputs().get(1).connected()).as("a stopped input shows as such").isFalse();
        assertThat(after.pairs().get(0).valid()).isFalse();
        assertThat(after.pairs().get(1).valid()).as("A_vs_C: both still there").isTrue();
        p.close();
    }

    @Test
    void aRefusedConfigurationWithWhyAndNoStatistics() {
        ProfileState refused = new ProfileState("bad", "pid2", "etc/org.syncscope.syncprofile-bad.cfg",
                ProfileState.State.REFUSED, "window: 'x' is not a number", List.of());
        ProfileView v = ProfileViews.of(refused, null, 100);
        assertThat(v.state()).isEqualTo("refused");
        assertThat(v.reason()).isEqualTo("window: 'x' is not a number");
        assertThat(v.inputs()).isEmpty();
        assertThat(v.pairs()).isEmpty();
    }
}
