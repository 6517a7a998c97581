package org.syncscope.statuspage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.syncscope.api.status.ProfileView;
import org.syncscope.api.status.ProfileView.InputView;
import org.syncscope.api.status.ProfileView.PairView;
import org.syncscope.api.status.PtpView;
import org.syncscope.api.status.PtpView.CameraView;
import org.syncscope.api.status.PvValueView;
import org.syncscope.api.status.TimeavView;
import org.syncscope.api.status.TimestampView;
import org.syncscope.overview.Overview;

class OverviewJsonTest {

    static final long T = 1_700_000_000_123_456_789L;

    /** A demo site: one profile with a disconnected input, the timestamp driver, PTP and one TIMEAV device. */
    static Overview demo() {
        ProfileView profile = new ProfileView("demo", "running", "", "", 3,
                1234,
                0, 2,
                List.of(new InputView("DEMO:PV1", true, 600, 10.0, 10.0004, 9.5, 10.5, 0.125, 100),
                        new InputView("DEMO:PV3", false, 60, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0)),
                List.of(new PairView("DEMO:PV1_vs_DEMO:PV3", false, -0.07, -0.0700005, -0.071, -0.069, 0.0005, 59)));
        TimestampView ts = new TimestampView(pv("TS:Mode", 0, "SOFT"), pv("TS:Role", 0, "MASTER"),
                pv("TS:Source", 1, "NTP"), pv("TS:SyncValid", 1, "Yes"), pv("TS:Alarm", 0, "OK"),
                pv("TS:Offset", 2.5e-5, "0.000025000"), pv("TS:Delay", 0.000125, "0.000125000"),
                PvValueView.none("TS:Jitter"), pv("TS:EventCount", 42, "42"), pv("TS:LastSync", Double.NaN, "2024-01-01 \"noon\""));
        PtpView ptp = new PtpView("", pv("PTP:CHECK:Verdict", 0, "OK"), pv("PTP:CHECK:HostRole", 1, "Grandmaster"),
                pv("PTP:CHECK:MaxAbsDelta", 1631000, "1631000"),
                List.of(new CameraView("05520125", pv("PTP:CHECK:05520125:Status", 2, "Slave"),
                        pv("PTP:CHECK:05520125:Delta", -1631000, "-1631000"))));
        TimeavView av = new TimeavView("AV:DEMO", "etc/org.syncscope.timeav-demo.cfg", "running",
                pv("AV:DEMO", 0.5, "0.5"), pv("AV:DEMO:Status", Double.NaN, "averaging\tok"));
        return new Overview(T, List.of(profile), Optional.of(ts), Optional.of(ptp), List.of(av));
    }

    private static PvValueView pv(String name, double value, String text) {
        return new PvValueView(name, value, text, "NO_ALARM", T);
    }

    @Test
    void aKnownOverviewGivesExactlyThisJson() {
        String pvT = "\"severity\":\"NO_ALARM\",\"timeNanos\":" + T + ",\"valid\":true}";
        String expected = "{\"timeNanos\":" + T + ",\"profiles\":[{\"name\":\"demo\",\"state\":\"running\",\"reason\":\"\",\"prefix\":\"\","
                + "\"pairCount\":3,\"processed\":1234,\"dropped\":0,\"queued\":2,\"inputs\":["
                + "{\"pv\":\"DEMO:PV1\",\"connected\":true,\"updates\":600,\"instantHz\":10,\"avgHz\":10.0004,\"minHz\":9.5,"
                + "\"maxHz\":10.5,\"stdHz\":0.125,\"samples\":100},"
                + "{\"pv\":\"DEMO:PV3\",\"connected\":false,\"updates\":60,\"instantHz\":null,\"avgHz\":null,\"minHz\":null,"
                + "\"maxHz\":null,\"stdHz\":null,\"samples\":0}],"
                + "\"pairs\":[{\"name\":\"DEMO:PV1_vs_DEMO:PV3\",\"valid\":false,\"current\":-0.07,\"avg\":-0.0700005,"
                + "\"min\":-0.071,\"max\":-0.069,\"std\":5.0E-4,\"samples\":59}]}],"
                + "\"timestamp\":{"
                + "\"mode\":{\"pv\":\"TS:Mode\",\"value\":0,\"text\":\"SOFT\"," + pvT + ","
                + "\"role\":{\"pv\":\"TS:Role\",\"value\":0,\"text\":\"MASTER\"," + pvT + ","
                + "\"source\":{\"pv\":\"TS:Source\",\"value\":1,\"text\":\"NTP\"," + pvT + ","
                + "\"syncValid\":{\"pv\":\"TS:SyncValid\",\"value\":1,\"text\":\"Yes\"," + pvT + ","
                + "\"alarm\":{\"pv\":\"TS:Alarm\",\"value\":0,\"text\":\"OK\"," + pvT + ","
                + "\"offset\":{\"pv\":\"TS:Offset\",\"value\":2.5E-5,\"text\":\"0.000025000\"," + pvT + ","
                + "\"delay\":{\"pv\":\"TS:Delay\",\"value\":1.25E-4,\"text\":\"0.000125000\"," + pvT + ","
                + "\"jitter\":{\"pv\":\"TS:Jitter\",\"value\":null,\"text\":\"\",\"severity\":\"INVALID\",\"timeNanos\":0,\"valid\":false},"
                + "\"eventCount\":{\"pv\":\"TS:EventCount\",\"value\":42,\"text\":\"42\"," + pvT + ","
                + "\"lastSync\":{\"pv\":\"TS:LastSync\",\"value\":null,\"text\":\"2024-01-01 \\\"noon\\\"\"," + pvT + "},"
                + "\"ptp\":{\"problem\":\"\","
                + "\"verdict\":{\"pv\":\"PTP:CHECK:Verdict\",\"value\":0,\"text\":\"OK\"," + pvT + ","
                + "\"hostRole\":{\"pv\":\"PTP:CHECK:HostRole\",\"value\":1,\"text\":\"Grandmaster\"," + pvT + ","
                + "\"maxAbsDelta\":{\"pv\":\"PTP:CHECK:MaxAbsDelta\",\"value\":1631000,\"text\":\"1631000\"," + pvT + ","
                + "\"cameras\":[{\"serial\":\"05520125\","
                + "\"state\":{\"pv\":\"PTP:CHECK:05520125:Status\",\"value\":2,\"text\":\"Slave\"," + pvT + ","
                + "\"delta\":{\"pv\":\"PTP:CHECK:05520125:Delta\",\"value\":-1631000,\"text\":\"-1631000\"," + pvT + "}]},"
                + "\"timeav\":[{\"name\":\"AV:DEMO\",\"origin\":\"etc/org.syncscope.timeav-demo.cfg\",\"state\":\"running\","
                + "\"value\":{\"pv\":\"AV:DEMO\",\"value\":0.5,\"text\":\"0.5\"," + pvT + ","
                + "\"status\":{\"pv\":\"AV:DEMO:Status\",\"value\":null,\"text\":\"averaging\\tok\"," + pvT + "}]}";
        assertThat(OverviewJson.of(demo())).isEqualTo(expected);
    }

    @Test
    void aCapabilityNotInstalledIsNullOrEmpty() {
        Overview none = new Overview(5, List.of(), Optional.empty(), Optional.empty(), List.of());
        assertThat(OverviewJson.of(none)).isEqualTo("{\"timeNanos\":5,\"profiles\":[],\"timestamp\":null,\"ptp\":null,\"timeav\":[]}");
    }

    @Test
    void aRefusedProfileCarriesItsReasonEscaped() {
        ProfileView refused = new ProfileView("bad", "refused", "etc/x.cfg: window = 'a\\b' is not a whole number", "P:", 0,
                0, 0, 0, List.of(), List.of());
        String json = OverviewJson.of(new Overview(1, List.of(refused), Optional.empty(), Optional.empty(), List.of()));
        assertThat(json).contains("\"state\":\"refused\",\"reason\":\"etc/x.cfg: window = 'a\\\\b' is not a whole number\",\"prefix\":\"P:\"");
    }
}
