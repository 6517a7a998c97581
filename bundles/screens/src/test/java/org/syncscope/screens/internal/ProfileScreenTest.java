package org.syncscope.screens.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.syncscope.screens.UnknownProfileException;

class ProfileScreenTest {

    private static final List<String> DEMO = List.of("DEMO:PV1", "DEMO:PV2", "DEMO:PV3");

    @Test
    void theDemoProfilesScreenReadsEveryOutputOfItsInputsAndPairsAndItsHealth() throws Exception {
        ScreensComponent screens = new ScreensComponent(new FakeProfiles().running("demo", "", DEMO), ScreenSettings.DEFAULTS);
        BobFile bob = BobFile.parse(screens.profileScreen("demo"));

        List<String> expected = new ArrayList<>();
        for (String pv : DEMO) {
            for (String f : ProfileScreen.FREQ) {
                expected.add(pv + ":" + f);
            }
        }
        List<String> pairs = List.of("DEMO:PV1_vs_DEMO:PV2", "DEMO:PV1_vs_DEMO:PV3", "DEMO:PV2_vs_DEMO:PV3");
        for (String pair : pairs) {
            for (String f : ProfileScreen.DIFF) {
                expected.add(pair + ":" + f);
            }
        }
        for (int k = 1; k <= 10; k++) {
            expected.add("SYNCPROFILE:demo:WorstAvgPair" + k);
        }
        expected.addAll(List.of("SYNCPROFILE:demo:WorstAvgDiff", "SYNCPROFILE:demo:LargestCurrentPair",
                "SYNCPROFILE:demo:LargestCurrentDiff"));
        for (String h : List.of("QueuedUpdates", "DroppedUpdates", "ProcessedUpdates", "LatencyP50", "LatencyP99")) {
            expected.add("SYNCPROFILE:demo:" + h);
        }
        expected.add("pva://SYNCPROFILE:demo:Table");
        // the strip chart's traces: every pair's CurrentDiff (three, fewer than chartPairs)
        pairs.forEach(p -> expected.add(p + ":CurrentDiff"));
        assertThat(bob.pvNames()).containsExactlyElementsOf(expected);
        assertThat(bob.property("label", "text")).contains("Sync profile demo", "DEMO:PV2", "DEMO:PV1_vs_DEMO:PV3");
    }

    @Test
    void thePrefixIsOnTheInputAndPairOutputsNotOnTheProfilesOwnPvs() throws Exception {
        ScreensComponent screens = new ScreensComponent(new FakeProfiles().running("p", "IT:", List.of("A", "B")),
                ScreenSettings.DEFAULTS);
        List<String> names = BobFile.parse(screens.profileScreen("p")).pvNames();
        assertThat(names).contains("IT:A:AvgFreq", "IT:B:StdFreq", "IT:A_vs_B:CurrentDiff", "IT:A_vs_B:MaxDiff",
                "SYNCPROFILE:p:QueuedUpdates", "pva://SYNCPROFILE:p:Table");
        assertThat(names).noneMatch(n -> n.startsWith("A") || n.startsWith("B") || n.contains("IT:SYNCPROFILE"));
    }

    @Test
    void aProfileOfManyPairsShowsTheFirstMaxPairsAndChartsTheFirstChartPairs() throws Exception {
        List<String> pvs = IntStream.range(0, 30).mapToObj(i -> "X:PV" + i).toList();   // 435 pairs
        FakeProfiles profiles = new FakeProfiles().running("big", "", pvs);
        BobFile bob = BobFile.parse(new ScreensComponent(profiles, new ScreenSettings(7, 2)).profileScreen("big"));
        List<String> names = bob.pvNames();
        assertThat(profiles.maxPairsAsked).containsExactly(7);
        assertThat(names.stream().filter(n -> n.endsWith(":AvgDiff"))).hasSize(7)
                .containsExactly("X:PV0_vs_X:PV1:AvgDiff", "X:PV0_vs_X:PV2:AvgDiff", "X:PV0_vs_X:PV3:AvgDiff",
                        "X:PV0_vs_X:PV4:AvgDiff", "X:PV0_vs_X:PV5:AvgDiff", "X:PV0_vs_X:PV6:AvgDiff", "X:PV0_vs_X:PV7:AvgDiff");
        assertThat(names.stream().filter(n -> n.endsWith(":AvgFreq"))).hasSize(30);
        assertThat(bob.document.getElementsByTagName("y_pv").getLength()).isEqualTo(2);
        assertThat(bob.property("label", "text")).anyMatch(t -> t.contains("435 pairs") && t.contains("the first 7 pairs shown"));
    }

    @Test
    void noPairsNoPairRowsAndNoChart() throws Exception {
        BobFile bob = BobFile.parse(new ScreensComponent(new FakeProfiles().running("one", "", List.of("A")),
                new ScreenSettings(0, 4)).profileScreen("one"));
        assertThat(bob.pvNames()).noneMatch(n -> n.contains("Diff") && !n.contains("SYNCPROFILE"));
        assertThat(bob.property("stripchart", "name")).isEmpty();
        assertThat(bob.pvNames()).contains("A:InstantFreq", "SYNCPROFILE:one:WorstAvgPair10");
    }

    @Test
    void anUnknownProfileIsNamedWithTheProfilesThereAre() {
        ScreensComponent screens = new ScreensComponent(new FakeProfiles().running("demo", "", DEMO), ScreenSettings.DEFAULTS);
        assertThatThrownBy(() -> screens.profileScreen("nope")).isInstanceOf(UnknownProfileException.class)
                .hasMessage("no sync profile named 'nope' (profiles: demo)");
    }

    @Test
    void aRefusedProfileSaysWhy() {
        ScreensComponent screens = new ScreensComponent(new FakeProfiles().refused("bad", "window: 0 (must be at least 1)"),
                ScreenSettings.DEFAULTS);
        assertThatThrownBy(() -> screens.profileScreen("bad")).isInstanceOf(IllegalStateException.class)
                .hasMessage("sync profile 'bad' (etc/org.syncscope.syncprofile-bad.cfg) is not running: REFUSED: "
                        + "window: 0 (must be at least 1)");
        assertThat(screens.runningProfiles()).isEmpty();
    }

    @Test
    void badSettingsNameTheirKey() {
        assertThatThrownBy(() -> new ScreenSettings(-1, 4)).hasMessage("maxPairs: -1 (must be 0 or more)");
        assertThatThrownBy(() -> new ScreenSettings(20, -2)).hasMessage("chartPairs: -2 (must be 0 or more)");
    }

    @Test
    void textIsEscaped() throws Exception {
        assertThat(XmlNode.escape("a<b & \"c\">\u0001")).isEqualTo("a&lt;b &amp; &quot;c&quot;&gt;");
        assertThatThrownBy(() -> Bob.widget("xyplot", "x", 0, 0, 1, 1)).hasMessageContaining("widget type 'xyplot' is not one of");
    }
}
