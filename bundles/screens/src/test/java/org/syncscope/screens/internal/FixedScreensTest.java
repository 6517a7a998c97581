package org.syncscope.screens.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FixedScreensTest {

    @Test
    void everyFixedScreenIsAValidDisplayOfKnownWidgets() throws Exception {
        for (String name : FixedScreens.NAMES) {
            String xml = FixedScreens.read(name).orElseThrow();
            BobFile bob;
            try {
                bob = BobFile.parse(xml);
            } catch (AssertionError | Exception e) {
                throw new AssertionError(name + ": " + e.getMessage(), e);
            }
            assertThat(bob.widgets).as(name).isNotEmpty();
            assertThat(bob.pvNames()).as(name + ": every macro has a default").noneMatch(n -> n.contains("$("));
        }
    }

    @Test
    void theFixedScreensReadThePvsOfTheDemoSite() throws Exception {
        assertThat(pvs("timestamp.bob")).containsExactlyInAnyOrder("TS:Mode", "TS:Role", "TS:SyncValid", "TS:SyncValid",
                "TS:Alarm", "TS:Source", "TS:LastSync", "TS:CurrentTime", "TS:EventCount", "TS:Offset", "TS:Delay",
                "TS:Jitter", "TS:Offset", "TS:Delay");
        assertThat(pvs("ptpcheck.bob")).contains("PTP:CHECK:Verdict", "PTP:CHECK:MaxAbsDelta", "PTP:CHECK:HostRole",
                "PTP:CHECK:05520129:Status", "PTP:CHECK:05520125:Delta", "PTP:CHECK:05520128:Status", "PTP:CHECK:05520126:Delta");
        assertThat(pvs("timeav.bob")).containsExactly("DEMO:PV1:SD", "DEMO:PV1:SD:Status", "DEMO:PV1:SD");
        assertThat(pvs("syncscope.bob")).contains("TS:SyncValid", "PTP:CHECK:Verdict", "DEMO:PV1:SD",
                "SYNCPROFILE:demo:LargestCurrentDiff");
        BobFile overview = BobFile.parse(FixedScreens.read("syncscope.bob").orElseThrow());
        List<String> files = List.of(overview.document.getElementsByTagName("file").item(0).getTextContent(),
                overview.document.getElementsByTagName("file").item(1).getTextContent(),
                overview.document.getElementsByTagName("file").item(2).getTextContent());
        assertThat(files).allMatch(FixedScreens.NAMES::contains);
    }

    @Test
    void onlyTheListedNamesAreServed() {
        assertThat(FixedScreens.read("../META-INF/MANIFEST.MF")).isEmpty();
        assertThat(FixedScreens.read("nope.bob")).isEmpty();
    }

    private static List<String> pvs(String name) throws Exception {
        return BobFile.parse(FixedScreens.read(name).orElseThrow()).pvNames();
    }
}
