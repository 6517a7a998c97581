package org.syncscope.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.syncscope.metrics.internal.Overviews.TIME;
import static org.syncscope.metrics.internal.Overviews.invalid;
import static org.syncscope.metrics.internal.Overviews.pv;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.syncscope.api.status.ProfileView.InputView;
import org.syncscope.api.status.ProfileView.PairView;
import org.syncscope.api.status.ProfileView;
import org.syncscope.api.status.PtpView;
import org.syncscope.api.status.PvValueView;
import org.syncscope.api.status.TimeavView;
import org.syncscope.api.status.TimestampView;
import org.syncscope.overview.Overview;

class OverviewMetricsTest {

    private static final double NAN = Double.NaN;
    private static final MetricsSettings NO_JVM = new MetricsSettings(100, false);

    private static List<String> lines(Overview overview, MetricsSettings settings, long now) {
        return new String(MetricsText.render(overview, settings, now), StandardCharsets.UTF_8).lines().toList();
    }

    private static List<String> samples(Overview overview, MetricsSettings settings) {
        return lines(overview, settings, TIME).stream().filter(l -> !l.startsWith("#")).toList();
    }

    private static ProfileView demo() {
        return new ProfileView("demo", "running", "", "", 3, 4321, 2, 1,
                List.of(new InputView("DEMO:PV1", true, 1500, 10.2, 10.0, 9.5, 10.5, 0.25, 100),
                        // no samples yet: every frequency NaN
                        new InputView("DEMO:PV2", false, 0, NAN, NAN, NAN, NAN, NAN, 0)),
                List.of(new PairView("DEMO:PV1_vs_DEMO:PV2", false, 0.002, 0.0015, NAN, 0.003, 0.0005, 7)));
    }

    @Test
    void aProfileWithItsInputsAndPairsInExactLines() {
        assertThat(lines(Overviews.of(List.of(demo())), NO_JVM, TIME + 1_500_000_000L)).containsExactly(
                "# HELP syncscope_input_connected 1 while the input PV is connected, else 0",
                "# TYPE syncscope_input_connected gauge",
                "syncscope_input_connected{profile=\"demo\",pv=\"DEMO:PV1\"} 1.0",
                "syncscope_input_connected{profile=\"demo\",pv=\"DEMO:PV2\"} 0.0",
                "# HELP syncscope_input_frequency_hertz Input update frequency: stat instant, avg, min, max or std over the profile's window",
                "# TYPE syncscope_input_frequency_hertz gauge",
                "syncscope_input_frequency_hertz{profile=\"demo\",pv=\"DEMO:PV1\",stat=\"avg\"} 10.0",
                "syncscope_input_frequency_hertz{profile=\"demo\",pv=\"DEMO:PV1\",stat=\"instant\"} 10.2",
                "syncscope_input_frequency_hertz{profile=\"demo\",pv=\"DEMO:PV1\",stat=\"max\"} 10.5",
                "syncscope_input_frequency_hertz{profile=\"demo\",pv=\"DEMO:PV1\",stat=\"min\"} 9.5",
                "syncscope_input_frequency_hertz{profile=\"demo\",pv=\"DEMO:PV1\",stat=\"std\"} 0.25",
                "# HELP syncscope_input_samples Samples in the input's frequency window",
                "# TYPE syncscope_input_samples gauge",
                "syncscope_input_samples{profile=\"demo\",pv=\"DEMO:PV1\"} 100.0",
                "syncscope_input_samples{profile=\"demo\",pv=\"DEMO:PV2\"} 0.0",
                "# HELP syncscope_input_updates_total Updates of the input PV counted by the profile",
                "# TYPE syncscope_input_updates_total counter",
                "syncscope_input_updates_total{profile=\"demo\",pv=\"DEMO:PV1\"} 1500.0",
                "syncscope_input_updates_total{profile=\"demo\",pv=\"DEMO:PV2\"} 0.0",
                "# HELP syncscope_overview_age_seconds Age of the site overview snapshot this scrape rendered",
                "# TYPE syncscope_overview_age_seconds gauge",
                "syncscope_overview_age_seconds 1.5",
                "# HELP syncscope_pair_difference_seconds Time difference of a pair's inputs: stat current, avg, min, max or std over the window",
                "# TYPE syncscope_pair_difference_seconds gauge",
                "syncscope_pair_difference_seconds{pair=\"DEMO:PV1_vs_DEMO:PV2\",profile=\"demo\",stat=\"avg\"} 0.0015",
                "syncscope_pair_difference_seconds{pair=\"DEMO:PV1_vs_DEMO:PV2\",profile=\"demo\",stat=\"current\"} 0.002",
                "syncscope_pair_difference_seconds{pair=\"DEMO:PV1_vs_DEMO:PV2\",profile=\"demo\",stat=\"max\"} 0.003",
                "syncscope_pair_difference_seconds{pair=\"DEMO:PV1_vs_DEMO:PV2\",profile=\"demo\",stat=\"std\"} 5.0E-4",
                "# HELP syncscope_pair_samples Samples in the pair's difference window",
                "# TYPE syncscope_pair_samples gauge",
                "syncscope_pair_samples{pair=\"DEMO:PV1_vs_DEMO:PV2\",profile=\"demo\"} 7.0",
                "# HELP syncscope_pair_valid 1 while both inputs of the pair are connected, else 0",
                "# TYPE syncscope_pair_valid gauge",
                "syncscope_pair_valid{pair=\"DEMO:PV1_vs_DEMO:PV2\",profile=\"demo\"} 0.0",
                "# HELP syncscope_profile_inputs Input PVs of the sync profile",
                "# TYPE syncscope_profile_inputs gauge",
                "syncscope_profile_inputs{profile=\"demo\"} 2.0",
                "# HELP syncscope_profile_pairs Input pairs the sync profile has in all",
                "# TYPE syncscope_profile_pairs gauge",
                "syncscope_profile_pairs{profile=\"demo\"} 3.0",
                "# HELP syncscope_profile_pairs_exported Input pairs exported here (the first ones, up to maxPairsPerProfile)",
                "# TYPE syncscope_profile_pairs_exported gauge",
                "syncscope_profile_pairs_exported{profile=\"demo\"} 1.0",
                "# HELP syncscope_profile_queued_updates Input updates waiting in the profile's queue",
                "# TYPE syncscope_profile_queued_updates gauge",
                "syncscope_profile_queued_updates{profile=\"demo\"} 1.0",
                "# HELP syncscope_profile_state Sync profile state (running, starting, refused)",
                "# TYPE syncscope_profile_state gauge",
                "syncscope_profile_state{profile=\"demo\",syncscope_profile_state=\"refused\"} 0",
                "syncscope_profile_state{profile=\"demo\",syncscope_profile_state=\"running\"} 1",
                "syncscope_profile_state{profile=\"demo\",syncscope_profile_state=\"starting\"} 0",
                "# HELP syncscope_profile_updates_dropped_total Input updates dropped because the profile's queue was full, since it started",
                "# TYPE syncscope_profile_updates_dropped_total counter",
                "syncscope_profile_updates_dropped_total{profile=\"demo\"} 2.0",
                "# HELP syncscope_profile_updates_processed_total Input updates the sync profile took off its queue and processed, since it started",
                "# TYPE syncscope_profile_updates_processed_total counter",
                "syncscope_profile_updates_processed_total{profile=\"demo\"} 4321.0");
    }

    @Test
    void nanStatisticsAddNoSample() {
        List<String> samples = samples(Overviews.of(List.of(demo())), NO_JVM);
        assertThat(samples).noneMatch(l -> l.contains("NaN"));
        assertThat(samples).noneMatch(l -> l.startsWith("syncscope_input_frequency_hertz") && l.contains("DEMO:PV2"));
        assertThat(samples).noneMatch(l -> l.startsWith("syncscope_pair_difference_seconds") && l.contains("stat=\"min\""));
    }

    @Test
    void pairsAreTheFirstOnesUpToTheBoundAndTheCountsSaySo() {
        Overview o = Overviews.of(List.of(Overviews.large("big", 20, 150)));
        List<String> samples = samples(o, new MetricsSettings(100, false));
        List<String> current = samples.stream().filter(l -> l.startsWith("syncscope_pair_difference_seconds") && l.contains("stat=\"current\"")).toList();
        assertThat(current).hasSize(100);
        // the first pairs in the profile's order: PV0 with PV1..PV19 (19 pairs), PV1 with PV2..PV19 (18), ...,
        // PV5 with PV6..PV19 (14): 99, then PV6_vs_PV7 the 100th
        assertThat(current).anyMatch(l -> l.contains("pair=\"SITE:PV0_vs_SITE:PV1\""));
        assertThat(current).anyMatch(l -> l.contains("pair=\"SITE:PV5_vs_SITE:PV19\""));
        assertThat(current).anyMatch(l -> l.contains("pair=\"SITE:PV6_vs_SITE:PV7\""));
        assertThat(current).noneMatch(l -> l.contains("pair=\"SITE:PV6_vs_SITE:PV8\""));        // the 101st
        assertThat(samples).contains("syncscope_profile_pairs{profile=\"big\"} 190.0",
                "syncscope_profile_pairs_exported{profile=\"big\"} 100.0");

        List<String> none = samples(o, new MetricsSettings(0, false));
        assertThat(none).noneMatch(l -> l.startsWith("syncscope_pair_"));
        assertThat(none).contains("syncscope_profile_pairs_exported{profile=\"big\"} 0.0");
    }

    @Test
    void timestampPtpAndTimeavInBaseUnits() {
        TimestampView ts = new TimestampView(pv("TS:Mode", 1, "SYNCHRONOUS"), pv("TS:Role", 1, "SLAVE"),
                pv("TS:Source", 0, "MASTER"), pv("TS:SyncValid", 1, "Yes"), pv("TS:Alarm", 0, "OK"),
                pv("TS:Offset", 2.5e-6, "0.000002500"), pv("TS:Delay", 1.0e-4, "0.000100000"),
                // jitter INVALID: no number; event count INVALID: still a count
                invalid("TS:Jitter", 0.5, "0.5"), invalid("TS:EventCount", 77, "77"), pv("TS:LastSync", NAN, "now"));
        PtpView ptp = new PtpView("", pv("PTP:CHECK:Verdict", 0, "OK"), pv("PTP:CHECK:HostRole", 1, "SLAVE"),
                pv("PTP:CHECK:MaxAbsDelta", 1500, "1500"),
                List.of(new PtpView.CameraView("CAM1", pv("PTP:CHECK:CAM1:Status", 2, "Slave"), pv("PTP:CHECK:CAM1:Delta", -250, "-250")),
                        new PtpView.CameraView("CAM2", PvValueView.none("PTP:CHECK:CAM2:Status"), PvValueView.none("PTP:CHECK:CAM2:Delta"))));
        List<TimeavView> timeav = List.of(
                new TimeavView("AV:BLOW", "etc/org.syncscope.timeav-blow.cfg", "running", pv("AV:BLOW", 4.25, "4.25"), pv("AV:BLOW:Status", NAN, "ok")),
                new TimeavView("AV:TEXT", "etc/org.syncscope.timeav-text.cfg", "running", pv("AV:TEXT", NAN, "abc"), pv("AV:TEXT:Status", NAN, "ok")),
                new TimeavView("AV:GONE", "etc/org.syncscope.timeav-gone.cfg", "running", invalid("AV:GONE", 3, "3"), pv("AV:GONE:Status", NAN, "input disconnected")),
                new TimeavView("", "etc/org.syncscope.timeav-bad.cfg", "refused: no name", PvValueView.none(""), PvValueView.none("")));
        Overview o = new Overview(TIME, List.of(), Optional.of(ts), Optional.of(ptp), timeav);

        assertThat(samples(o, NO_JVM)).containsExactly(
                "syncscope_overview_age_seconds 0.0",
                "syncscope_ptp_camera_delta_seconds{camera=\"CAM1\"} -2.5E-7",
                "syncscope_ptp_camera_state_info{camera=\"CAM1\",state=\"Slave\"} 1",
                "syncscope_ptp_host_role_info{role=\"SLAVE\"} 1",
                "syncscope_ptp_max_abs_delta_seconds 1.5E-6",
                "syncscope_ptp_verdict_info{verdict=\"OK\"} 1",
                "syncscope_timeav_valid{device=\"AV:BLOW\"} 1.0",
                "syncscope_timeav_valid{device=\"AV:GONE\"} 0.0",
                "syncscope_timeav_valid{device=\"AV:TEXT\"} 1.0",
                "syncscope_timeav_value{device=\"AV:BLOW\"} 4.25",
                "syncscope_timestamp_alarm 0.0",
                "syncscope_timestamp_delay_seconds 1.0E-4",
                "syncscope_timestamp_events_total 77.0",
                "syncscope_timestamp_mode{syncscope_timestamp_mode=\"SOFT\"} 0",
                "syncscope_timestamp_mode{syncscope_timestamp_mode=\"SYNCHRONOUS\"} 1",
                "syncscope_timestamp_offset_seconds 2.5E-6",
                "syncscope_timestamp_role_info{role=\"SLAVE\"} 1",
                "syncscope_timestamp_source_info{source=\"MASTER\"} 1",
                "syncscope_timestamp_sync_valid 1.0");
    }

    @Test
    void aRefusedProfileAndAnUnknownStateStillShow() {
        ProfileView refused = new ProfileView("bad", "refused", "window: 0 (must be at least 1)", "", 0,
                0, 0, 0, List.of(), List.of());
        ProfileView odd = new ProfileView("odd", "paused", "", "", 0,
                0, 0, 0, List.of(), List.of());
        List<String> samples = samples(Overviews.of(List.of(refused, odd)), NO_JVM);
        assertThat(samples).contains(
                "syncscope_profile_state{profile=\"bad\",syncscope_profile_state=\"refused\"} 1",
                "syncscope_profile_state{profile=\"bad\",syncscope_profile_state=\"running\"} 0",
                "syncscope_profile_state{profile=\"odd\",syncscope_profile_state=\"paused\"} 1",
                "syncscope_profile_state{profile=\"odd\",syncscope_profile_state=\"running\"} 0");
        assertThat(samples).contains("syncscope_profile_updates_processed_total{profile=\"bad\"} 0.0");
    }

    @Test
    void labelValuesAreEscapedAndDuplicatesDoNotFailTheScrape() {
        InputView in = new InputView("A\"B\\C", true, 1, 1, 1, 1, 1, 0, 2);
        ProfileView p = new ProfileView("x", "running", "", "", 0, 1, 0, 0, List.of(in, in), List.of());
        List<String> samples = samples(Overviews.of(List.of(p)), NO_JVM);
        assertThat(samples).containsOnlyOnce("syncscope_input_connected{profile=\"x\",pv=\"A\\\"B\\\\C\"} 1.0");
    }

    @Test
    void anEmptyOverviewIsJustItsAge() {
        Overview empty = new Overview(TIME, List.of(), Optional.empty(), Optional.empty(), List.of());
        assertThat(samples(empty, NO_JVM)).containsExactly("syncscope_overview_age_seconds 0.0");
    }
}
