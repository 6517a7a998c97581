package org.syncscope.timestamp.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvSpec;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.status.PvValueView;
import org.syncscope.api.status.TimestampView;
import org.syncscope.api.time.ClockMode;
import org.syncscope.api.time.TimestampStatus;
import org.syncscope.rebind.RebindingPublisher;

/**
 * The driver's status as PVs ("status monitoring through record support"): Mode, Role, SyncValid,
 * Alarm, LastSync, EventCount, CurrentTime, EventSystem (which receiver), Offset, Delay, Jitter,
 * Source, and the clock loop's Frequency and Loop state under the configured prefix.
 */
final class StatusPvs implements AutoCloseable {

    private final TimestampEngine engine;
    private final String prefix;
    private final Supplier<List<String>> problems;
    private final List<PublishedPv> all = new ArrayList<>();
    private final PublishedPv mode;
    private final PublishedPv role;
    private final PublishedPv syncValid;
    private final PublishedPv alarm;
    private final PublishedPv lastSync;
    private final PublishedPv eventCount;
    private final PublishedPv currentTime;
    private final PublishedPv offset;
    private final PublishedPv source;
    private final PublishedPv delay;
    private final PublishedPv jitter;
    private final PublishedPv eventSystem;
    private final PublishedPv frequency;
    private final PublishedPv loop;

    /** What a Channel Access string holds (DBR_STRING: 40 bytes with the terminating NUL). */
    static final int CA_STRING = 39;

    /** @param problems what else raises the alarm (a refused configuration, a UDP port that is busy) */
    StatusPvs(PvPublisher publisher, String prefix, TimestampEngine engine, Supplier<List<String>> problems) {
        this.engine = engine;
        this.prefix = prefix;
        this.problems = problems;
        mode = add(publisher, PvSpec.ofEnum(prefix + "Mode", "clock mode", List.of("SOFT", "SYNCHRONOUS")));
        role = add(publisher, PvSpec.ofEnum(prefix + "Role", "master or slave", List.of("MASTER", "SLAVE")));
        syncValid = add(publisher, PvSpec.ofEnum(prefix + "SyncValid", "time trusted", List.of("No", "Yes")));
        alarm = add(publisher, PvSpec.ofEnum(prefix + "Alarm", "hardware, NTP, config or UDP port alarm", List.of("OK", "FAILURE")));
        lastSync = add(publisher, PvSpec.ofString(prefix + "LastSync", "time of the last sync event"));
        eventCount = add(publisher, PvSpec.ofLong(prefix + "EventCount", "events", "events received"));
        currentTime = add(publisher, PvSpec.ofString(prefix + "CurrentTime", "the driver's current time"));
        offset = add(publisher, PvSpec.ofDouble(prefix + "Offset", "s", 9, "last measured offset to the reference (master, NTP or host)"));
        delay = add(publisher, PvSpec.ofDouble(prefix + "Delay", "s", 9, "round trip of the last sync"));
        jitter = add(publisher, PvSpec.ofDouble(prefix + "Jitter", "s", 9, "NTP jitter"));
        source = add(publisher, PvSpec.ofEnum(prefix + "Source", "what the clock follows",
                List.of("EVENT_SYSTEM", "MASTER", "NTP", "FREE_RUNNING")));
        eventSystem = add(publisher, PvSpec.ofString(prefix + "EventSystem", "the event system's driver and receiver"));
        frequency = add(publisher, PvSpec.ofDouble(prefix + "Frequency", "ppm", 3,
                "frequency correction of the clock (the clock loop's estimate)"));
        loop = add(publisher, PvSpec.ofEnum(prefix + "Loop", "what the clock loop does with its reference",
                List.of("NONE", "LOCKED", "SLEWING", "HELD", "PANIC")));
    }

    /** What every status PV carries now, for the status page and the metrics (no client involved). */
    TimestampView view() {
        return new TimestampView(read(mode), read(role), read(source), read(syncValid), read(alarm), read(offset),
                read(delay), read(jitter), read(eventCount), read(lastSync));
    }

    private static PvValueView read(PublishedPv pv) {
        return PvValueView.of(pv.spec().name(), RebindingPublisher.reading(pv));
    }

    /** Posts every status PV, stamped with the driver's current time. */
    void update() {
        TimestampStatus s = engine.status();
        long now = engine.currentTime();
        boolean failing = engine.alarm() || !problems.get().isEmpty();
        post(mode, new PvValue.EnumValue(s.mode() == ClockMode.SOFT ? 0 : 1, s.mode().name()), now, failing);
        post(role, new PvValue.EnumValue(s.role().ordinal(), s.role().name()), now, false);
        post(syncValid, new PvValue.EnumValue(s.inSync() ? 1 : 0, s.inSync() ? "Yes" : "No"), now, false);
        post(alarm, new PvValue.EnumValue(failing ? 1 : 0, failing ? "FAILURE" : "OK"), now, failing);
        post(lastSync, new PvValue.StringValue(s.lastSyncNanos() == 0 ? "never" : TimestampEngine.iso(s.lastSyncNanos())),
                now, false);
        post(eventCount, new PvValue.LongValue(engine.eventCount() & 0x7FFF_FFFFL), now, false);
        post(currentTime, new PvValue.StringValue(TimestampEngine.iso(now)), now, false);
        ClockLoop.State loopState = engine.loopState();
        // a jump held or a panic: MAJOR; a large error being slewed at the maximum rate: MINOR
        AlarmSeverity offsetSeverity = loopState == ClockLoop.State.HELD || loopState == ClockLoop.State.PANIC
                ? AlarmSeverity.MAJOR : loopState == ClockLoop.State.SLEWING ? AlarmSeverity.MINOR : AlarmSeverity.NO_ALARM;
        offset.post(new PvValue.DoubleValue(s.lastOffsetNanos() / 1e9), now, offsetSeverity,
                offsetSeverity == AlarmSeverity.NO_ALARM ? AlarmStatus.NO_ALARM : AlarmStatus.STATE);
        post(loop, new PvValue.EnumValue(loopState.ordinal(), loopState.name()), now,
                loopState == ClockLoop.State.HELD || loopState == ClockLoop.State.PANIC);
        post(frequency, new PvValue.DoubleValue(engine.frequencyPpb() / 1000), now, false);
        post(source, new PvValue.EnumValue(s.source().ordinal(), s.source().name()), now, false);
        post(delay, new PvValue.DoubleValue(engine.lastDelayNanos() / 1e9), now, false);
        post(jitter, new PvValue.DoubleValue(engine.jitterNanos() / 1e9), now, false);
        post(eventSystem, new PvValue.StringValue(fitCaString(engine.eventSystemLine())), now, false);
    }

    /** {@code text} cut to {@value #CA_STRING} characters. */
    static String fitCaString(String text) {
        return text.length() <= CA_STRING ? text : text.substring(0, CA_STRING);
    }

    String prefix() {
        return prefix;
    }

    @Override
    public void close() {
        all.forEach(PublishedPv::close);
    }

    private PublishedPv add(PvPublisher publisher, PvSpec spec) {
        PublishedPv pv = publisher.publish(spec);
        all.add(pv);
        return pv;
    }

    private static void post(PublishedPv pv, PvValue value, long time, boolean major) {
        pv.post(value, time, major ? AlarmSeverity.MAJOR : AlarmSeverity.NO_ALARM,
                major ? AlarmStatus.STATE : AlarmStatus.NO_ALARM);
    }
}
