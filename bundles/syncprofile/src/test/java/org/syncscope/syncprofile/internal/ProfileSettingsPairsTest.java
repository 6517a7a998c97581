package org.syncscope.syncprofile.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.syncscope.syncprofile.ProfileState;
import org.syncscope.syncprofile.ProfileState.State;
import org.syncscope.testing.MemorySource;

/** The pairs key as a .cfg gives it, through the typed configuration, the settings and the component. */
class ProfileSettingsPairsTest {

    private final ProfileRegistry registry = new ProfileRegistry(1_000_000_000L);
    private final List<SyncProfileComponent> active = new java.util.ArrayList<>();

    @AfterEach
    void deactivateAll() {
        active.forEach(SyncProfileComponent::deactivate);
    }

    private static ProfileSettings settings(String... keyValues) {
        return ProfileSettings.of(ProfileConfigs.config(ProfileConfigs.file("p", keyValues)));
    }

    @Test
    void noPairsKeyIsAllPairsAsBefore() {
        ProfileSettings s = settings("pvs", "A, B, C, D");
        assertThat(s.pairing()).isEqualTo(Pairing.ALL);
        assertThat(s.pairCount()).isEqualTo(6);
        assertThat(new ProfileSettings(List.of("A", "B", "C"), 10, TimestampMode.SOURCE, "", 0).pairing())
                .isEqualTo(Pairing.ALL);
    }

    @Test
    void eachModeGivesItsPairCount() {
        assertThat(settings("pvs", "A, B, C, D", "pairs", "chain").pairCount()).isEqualTo(3);
        assertThat(settings("pvs", "A, B, C, D", "pairs", "reference:B").pairCount()).isEqualTo(3);
        ProfileSettings listed = settings("pvs", "A, B, C, D", "pairs", "D_vs_A, B_vs_C");
        assertThat(listed.pairCount()).isEqualTo(2);
        assertThat(listed.layout().name(0, listed.pvs())).isEqualTo("A_vs_D");
        // Config Admin may hand a list over as an array
        Map<String, Object> array = ProfileConfigs.file("p", "pvs", "A, B, C");
        array.put("pairs", new String[] {"A_vs_B", "C_vs_B"});
        assertThat(ProfileSettings.of(ProfileConfigs.config(array)).pairing())
                .isEqualTo(Pairing.parse(new String[] {"A_vs_B, C_vs_B"}));
    }

    @Test
    void anEditOfPairsAloneChangesTheSettings() {
        assertThat(settings("pvs", "A, B, C", "pairs", "chain")).isNotEqualTo(settings("pvs", "A, B, C"))
                .isEqualTo(settings("pvs", "A, B, C", "pairs", "chain"));
    }

    @Test
    void theHeapEstimateCountsOnlyThePairsOfThePairing() {
        ProfileSettings all = settings("pvs", "A, B, C, D, E");
        ProfileSettings chain = settings("pvs", "A, B, C, D, E", "pairs", "chain");
        long perPair = (StateEstimate.bytes(all) - StateEstimate.bytes(chain)) / (10 - 4);
        assertThat(perPair).isEqualTo(org.syncscope.stats.PairTable.bytesPerPair(100) + StateEstimate.BYTES_PER_PAIR_INDEX);
        assertThat(StateEstimate.bytes(chain)).isEqualTo(5 * (StateEstimate.BYTES_PER_INPUT + 100 * StateEstimate.BYTES_PER_SAMPLE)
                + 4 * perPair + StateEstimate.BYTES_PER_QUEUED * chain.queueCapacity());
        assertThat(StateEstimate.explain(chain)).startsWith("5 PVs + 4 pairs = 5 x 2800 B + 4 x 485 B (window 100)");
    }

    @Test
    void aBadPairsValueIsRefusedLikeAnyOtherKey() {
        assertThatThrownBy(() -> settings("pvs", "A, B", "pairs", "foo")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pairs: 'foo' is not all, chain, reference:PV or a list of PV1_vs_PV2 pairs");
        assertThatThrownBy(() -> settings("pvs", "A, B", "pairs", "reference:C"))
                .hasMessage("pairs: 'reference:C' names C, which is not in pvs");
        assertThatThrownBy(() -> new ProfileSettings(List.of("A", "B"), 10, TimestampMode.SOURCE, "", 0, 100, 50,
                Pairing.parse(new String[] {"A_vs_B, B_vs_A"})))
                .hasMessage("pairs: 'B_vs_A' is the pair A_vs_B listed again");
    }

    @Test
    void theComponentRefusesABadPairsNamingFileAndKeyAndBuildsNothing() {
        MemorySource source = new MemorySource();
        FakePvs.Publisher publisher = new FakePvs.Publisher();
        SyncProfileComponent c = ProfileConfigs.activate(registry,
                ProfileConfigs.file("bad", "pvs", "A, B", "pairs", "A_vs_C"));
        active.add(c);
        c.bindSource(source);
        c.bindPublisher(publisher);
        ProfileState s = registry.all().get(0);
        assertThat(s.state()).isEqualTo(State.REFUSED);
        assertThat(s.origin()).isEqualTo("etc/org.syncscope.syncprofile-bad.cfg");
        assertThat(s.reason()).isEqualTo("configuration refused: pairs: 'A_vs_C' names C, which is not in pvs");
        assertThat(source.subscribed()).isEmpty();
        assertThat(publisher.posts).isEmpty();
    }
}
