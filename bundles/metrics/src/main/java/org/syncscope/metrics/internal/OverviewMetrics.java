package org.syncscope.metrics.internal;

import static org.syncscope.metrics.internal.MetricNames.*;

import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import org.syncscope.api.status.ProfileView.InputView;
import org.syncscope.api.status.ProfileView.PairView;
import org.syncscope.api.status.ProfileView;
import org.syncscope.api.status.PtpView;
import org.syncscope.api.status.PvValueView;
import org.syncscope.api.status.TimeavView;
import org.syncscope.api.status.TimestampView;
import org.syncscope.overview.Overview;

/**
 * The metric families of one {@link Overview} snapshot. Which samples are left out, and why:
 * <ul>
 * <li>a NaN (a statistic without samples, a PV carrying a string) — Prometheus would keep it as
 * if it had been measured;</li>
 * <li>a measurement PV (offset, delta, TIMEAV value) that is not {@link PvValueView#valid()
 * valid}: never read, or INVALID — a disconnected PV keeps its last number, which is no
 * measurement of now; the {@code _valid} gauges say so instead;</li>
 * <li>a count PV (timestamp events) never read; once read it is exported whatever its alarm,
 * because a count stays true while an input is away;</li>
 * <li>a state or label text that is empty (never read).</li>
 * </ul>
 * Pairs: the first {@code maxPairs} of each profile in the overview's order (the order of the
 * profile's table), of those the overview carries (it has a bound of its own).
 */
final class OverviewMetrics {

    static final Unit HERTZ = new Unit("hertz");
    static final List<String> PROFILE_STATES = List.of("running", "starting", "refused");
    static final List<String> TIMESTAMP_MODES = List.of("SOFT", "SYNCHRONOUS");
    private static final double NANOS_PER_SECOND = 1e9;

    private final Gauges profileInputs = new Gauges(PROFILE_INPUTS, PROFILE_INPUTS_HELP);
    private final StateSets profileState = new StateSets(PROFILE_STATE, PROFILE_STATE_HELP, PROFILE_STATES);
    private final Gauges profilePairs = new Gauges(PROFILE_PAIRS, PROFILE_PAIRS_HELP);
    private final Gauges profilePairsExported = new Gauges(PROFILE_PAIRS_EXPORTED, PROFILE_PAIRS_EXPORTED_HELP);
    private final Counters processed = new Counters(PROFILE_PROCESSED, PROFILE_PROCESSED_HELP);
    private final Counters dropped = new Counters(PROFILE_DROPPED, PROFILE_DROPPED_HELP);
    private final Gauges queued = new Gauges(PROFILE_QUEUED, PROFILE_QUEUED_HELP);
    private final Gauges frequency = new Gauges(INPUT_FREQUENCY, INPUT_FREQUENCY_HELP, HERTZ);
    private final Gauges connected = new Gauges(INPUT_CONNECTED, INPUT_CONNECTED_HELP);
    private final Counters updates = new Counters(INPUT_UPDATES, INPUT_UPDATES_HELP);
    private final Gauges inputSamples = new Gauges(INPUT_SAMPLES, INPUT_SAMPLES_HELP);
    private final Gauges difference = new Gauges(PAIR_DIFFERENCE, PAIR_DIFFERENCE_HELP, Unit.SECONDS);
    private final Gauges pairValid = new Gauges(PAIR_VALID, PAIR_VALID_HELP);
    private final Gauges pairSamples = new Gauges(PAIR_SAMPLES, PAIR_SAMPLES_HELP);

    private final StateSets tsMode = new StateSets(TIMESTAMP_MODE, TIMESTAMP_MODE_HELP, TIMESTAMP_MODES);
    private final Infos tsRole = new Infos(TIMESTAMP_ROLE, TIMESTAMP_ROLE_HELP);
    private final Infos tsSource = new Infos(TIMESTAMP_SOURCE, TIMESTAMP_SOURCE_HELP);
    private final Gauges tsSyncValid = new Gauges(TIMESTAMP_SYNC_VALID, TIMESTAMP_SYNC_VALID_HELP);
    private final Gauges tsAlarm = new Gauges(TIMESTAMP_ALARM, TIMESTAMP_ALARM_HELP);
    private final Gauges tsOffset = new Gauges(TIMESTAMP_OFFSET, TIMESTAMP_OFFSET_HELP, Unit.SECONDS);
    private final Gauges tsDelay = new Gauges(TIMESTAMP_DELAY, TIMESTAMP_DELAY_HELP, Unit.SECONDS);
    private final Gauges tsJitter = new Gauges(TIMESTAMP_JITTER, TIMESTAMP_JITTER_HELP, Unit.SECONDS);
    private final Counters tsEvents = new Counters(TIMESTAMP_EVENTS, TIMESTAMP_EVENTS_HELP);

    private final Infos ptpHostRole = new Infos(PTP_HOST_ROLE, PTP_HOST_ROLE_HELP);
    private final Infos ptpVerdict = new Infos(PTP_VERDICT, PTP_VERDICT_HELP);
    private final Gauges ptpMaxAbsDelta = new Gauges(PTP_MAX_ABS_DELTA, PTP_MAX_ABS_DELTA_HELP, Unit.SECONDS);
    private final Gauges ptpCameraDelta = new Gauges(PTP_CAMERA_DELTA, PTP_CAMERA_DELTA_HELP, Unit.SECONDS);
    private final Infos ptpCameraState = new Infos(PTP_CAMERA_STATE, PTP_CAMERA_STATE_HELP);

    private final Gauges timeavValue = new Gauges(TIMEAV_VALUE, TIMEAV_VALUE_HELP);
    private final Gauges timeavValid = new Gauges(TIMEAV_VALID, TIMEAV_VALID_HELP);

    private final Gauges age = new Gauges(OVERVIEW_AGE, OVERVIEW_AGE_HELP, Unit.SECONDS);

    private OverviewMetrics() {
    }

    /**
     * The families of {@code overview}, each pair-bounded to {@code maxPairs} per profile;
     * {@code nowNanos} (ns since the Unix epoch) dates the snapshot's age.
     */
    static void render(Overview overview, int maxPairs, long nowNanos, List<MetricSnapshot> out) {
        OverviewMetrics m = new OverviewMetrics();
        for (ProfileView p : overview.profiles()) {
            m.profile(p, maxPairs);
        }
        overview.timestamp().ifPresent(m::timestamp);
        overview.ptp().ifPresent(m::ptp);
        for (TimeavView t : overview.timeav()) {
            m.timeav(t);
        }
        m.age.add(Math.max(0, nowNanos - overview.timeNanos()) / NANOS_PER_SECOND, Labels.EMPTY);
        m.addTo(out);
    }

    private void profile(ProfileView p, int maxPairs) {
        Labels profile = Labels.of("profile", p.name());
        profileState.add(p.state(), profile);
        profileInputs.add(p.inputs().size(), profile);
        profilePairs.add(p.pairCount(), profile);
        List<PairView> pairs = p.pairs().subList(0, Math.min(maxPairs, p.pairs().size()));
        profilePairsExported.add(pairs.size(), profile);
        processed.add(p.processed(), profile);
        dropped.add(p.dropped(), profile);
        queued.add(p.queued(), profile);
        for (InputView in : p.inputs()) {
            Labels labels = Labels.of("profile", p.name(), "pv", in.pv());
            connected.add(in.connected(), labels);
            updates.add(in.updates(), labels);
            inputSamples.add(in.samples(), labels);
            frequency.add(in.instantHz(), labels.add("stat", "instant"));
            frequency.add(in.avgHz(), labels.add("stat", "avg"));
            frequency.add(in.minHz(), labels.add("stat", "min"));
            frequency.add(in.maxHz(), labels.add("stat", "max"));
            frequency.add(in.stdHz(), labels.add("stat", "std"));
        }
        for (PairView pair : pairs) {
            Labels labels = Labels.of("profile", p.name(), "pair", pair.name());
            pairValid.add(pair.valid(), labels);
            pairSamples.add(pair.samples(), labels);
            difference.add(pair.current(), labels.add("stat", "current"));
            difference.add(pair.avg(), labels.add("stat", "avg"));
            difference.add(pair.min(), labels.add("stat", "min"));
            difference.add(pair.max(), labels.add("stat", "max"));
            difference.add(pair.std(), labels.add("stat", "std"));
        }
    }

    private void timestamp(TimestampView t) {
        if (read(t.mode())) {
            tsMode.add(t.mode().text(), Labels.EMPTY);
        }
        if (read(t.role())) {
            tsRole.add(Labels.of("role", t.role().text()));
        }
        if (read(t.source())) {
            tsSource.add(Labels.of("source", t.source().text()));
        }
        if (read(t.syncValid())) {
            tsSyncValid.add(t.syncValid().valid() && "Yes".equals(t.syncValid().text()), Labels.EMPTY);
        }
        if (read(t.alarm())) {
            tsAlarm.add(!"OK".equals(t.alarm().text()), Labels.EMPTY);
        }
        tsOffset.add(measured(t.offset()), Labels.EMPTY);
        tsDelay.add(measured(t.delay()), Labels.EMPTY);
        tsJitter.add(measured(t.jitter()), Labels.EMPTY);
        tsEvents.add(count(t.eventCount()), Labels.EMPTY);
    }

    private void ptp(PtpView p) {
        if (read(p.hostRole())) {
            ptpHostRole.add(Labels.of("role", p.hostRole().text()));
        }
        if (read(p.verdict())) {
            ptpVerdict.add(Labels.of("verdict", p.verdict().text()));
        }
        ptpMaxAbsDelta.add(measured(p.maxAbsDelta()) / NANOS_PER_SECOND, Labels.EMPTY);
        for (PtpView.CameraView c : p.cameras()) {
            ptpCameraDelta.add(measured(c.delta()) / NANOS_PER_SECOND, Labels.of("camera", c.serial()));
            if (read(c.state())) {
                ptpCameraState.add(Labels.of("camera", c.serial(), "state", c.state().text()));
            }
        }
    }

    private void timeav(TimeavView t) {
        if (t.name().isEmpty()) {
            return; // refused: no output PV to name it by
        }
        Labels device = Labels.of("device", t.name());
        timeavValue.add(measured(t.value()), device);
        timeavValid.add(t.value().valid(), device);
    }

    /** Read, with a text to show. */
    private static boolean read(PvValueView v) {
        return v.timeNanos() != 0 && !v.text().isEmpty();
    }

    /** The number of a measurement PV, NaN unless it is valid now. */
    private static double measured(PvValueView v) {
        return v.valid() ? v.value() : Double.NaN;
    }

    /** The number of a count PV, NaN until it was read. */
    private static double count(PvValueView v) {
        return v.timeNanos() != 0 ? v.value() : Double.NaN;
    }

    private void addTo(List<MetricSnapshot> out) {
        for (Gauges g : List.of(profileInputs, profilePairs, profilePairsExported, queued, frequency, connected,
                inputSamples, difference, pairValid, pairSamples, tsSyncValid, tsAlarm, tsOffset, tsDelay, tsJitter,
                ptpMaxAbsDelta, ptpCameraDelta, timeavValue, timeavValid, age)) {
            g.addTo(out);
        }
        for (Counters c : List.of(processed, dropped, updates, tsEvents)) {
            c.addTo(out);
        }
        for (Infos i : List.of(tsRole, tsSource, ptpHostRole, ptpVerdict, ptpCameraState)) {
            i.addTo(out);
        }
        profileState.addTo(out);
        tsMode.addTo(out);
    }
}
