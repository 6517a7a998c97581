package org.syncscope.timestamp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.PvValue;
import org.syncscope.api.time.ClockMode;
import org.syncscope.api.time.TimeSource;
import org.syncscope.testing.RecordingPublisher;

/**
 * An event receiver read through its IOC (API 1.2, e.g. {@code driver=mrf}): no tick counter,
 * ticks in ns since the sync event's hardware time, the sync's direct time its hardware stamp. A
 * hand-moved clock and a scripted driver: no sleeps.
 */
class ReceiverWithoutTickCounterTest {

    private static final long T0 = 1_764_000_000_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    private static final int EVENT = 0x28;

    private final FakeEventSystem evr = new FakeEventSystem();
    private final FakeEventSystem.Clock clock = new FakeEventSystem.Clock(T0);

    ReceiverWithoutTickCounterTest() {
        evr.tickCounter = false;
        evr.clockRateHz = 1_000_000_000;
        evr.description = "mrf EVR1 (IOC prefix TST{EVR:1}, pva): link OK, PLL OK, timestamps valid";
    }

    private TimestampEngine engine() throws Exception {
        TimestampEngine e = new TimestampEngine(new TimestampSettings(true, 10, 28323, 28322, 250, false, "", 0, 20.0,
                "TS:", null, null), evr, "mrf (name=evr1)", clock, Runnable::run);
        e.start();
        return e;
    }

    /** The sync event arrives with its hardware stamp as the driver's direct time. */
    private void syncAt(long hardwareStamp) {
        evr.directTime = hardwareStamp;
        evr.sync();
    }

    @Test
    void eventsAt10HzGetExactlyTheirHardwareStamps() throws Exception {
        TimestampEngine e = engine();
        long sync = T0 + 3 * S + 123;   // the hardware's stamp, not the host's time
        syncAt(sync);
        assertThat(e.eventTime(FakeEventSystem.SYNC)).isEqualTo(sync);
        for (int k = 1; k <= 9; k++) {
            long stamp = sync + k * 100 * MS + 7 * k;   // 10 Hz, a few ns of jitter each
            clock.advance(100 * MS);
            evr.event(EVENT, stamp - sync);
            assertThat(e.eventTime(EVENT)).as("event %d", k).isEqualTo(stamp);
        }
        // a late event 12.3 s after its sync: ticks × 1e9 would overflow a long; the stamp stays exact
        long late = sync + 12 * S + 345_678_901;
        evr.event(EVENT + 1, late - sync);
        assertThat(e.eventTime(EVENT + 1)).isEqualTo(late);
        assertThat(TimestampEngine.ticksToNanos(late - sync, 1_000_000_000)).isEqualTo(late - sync);
        assertThat(TimestampEngine.ticksToNanos(12_345, 1000)).as("other rates as before").isEqualTo(12_345 * MS);
        assertThat(e.status().source()).isEqualTo(TimeSource.EVENT_SYSTEM);
    }

    @Test
    void aReceiverThatComesAfterItsDriverIsTakenIntoUseAtTheNextTick() throws Exception {
        evr.receiver = false;   // bound while its IOC's PVs are still connecting
        TimestampEngine e = engine();
        assertThat(e.usesEventSystem()).isFalse();
        e.tick();
        assertThat(e.usesEventSystem()).as("still no receiver").isFalse();
        evr.receiver = true;
        e.tick();
        assertThat(e.usesEventSystem()).as("re-judged at the tick").isTrue();
        long sync = T0 + 2 * S;
        syncAt(sync);
        assertThat(e.status().mode()).isEqualTo(ClockMode.SYNCHRONOUS);
        assertThat(e.eventTime(FakeEventSystem.SYNC)).isEqualTo(sync);
    }

    @Test
    void theTimeBetweenSyncsRunsOnTheMonotonicClockAndNeverGoesBack() throws Exception {
        TimestampEngine e = engine();
        long sync = T0 + 5 * S;
        syncAt(sync);
        long last = e.currentTime();
        assertThat(last).isEqualTo(sync);
        clock.wall -= 3 * S;   // the host's wall clock is stepped back: not used between syncs
        for (int i = 1; i <= 1000; i++) {
            clock.advance(MS);
            long now = e.currentTime();
            assertThat(now).as("after %d ms", i).isEqualTo(sync + i * MS).isGreaterThanOrEqualTo(last);
            last = now;
        }
        // the host's monotonic clock ran 2 ms fast: the next sync's stamp is behind our time; held, not back
        clock.advance(2 * MS);
        long beforeSync = e.currentTime();
        syncAt(sync + S);
        assertThat(e.eventTime(FakeEventSystem.SYNC)).isEqualTo(sync + S);
        assertThat(e.currentTime()).isGreaterThanOrEqualTo(beforeSync);
        clock.advance(10 * MS);
        assertThat(e.currentTime()).as("from the new sync on").isEqualTo(sync + S + 10 * MS);
        assertThat(e.status().backwardsPrevented()).isPositive();
        assertThat(evr.tickReads).as("no tick counter read: it has none").isZero();
    }

    @Test
    void syncsKeepItSynchronousMissingSyncsFailItAndTheNextSyncRecovers() throws Exception {
        TimestampEngine e = engine();
        long sync = T0 + 7 * S;
        for (int s = 0; s < 30; s++, sync += S) {   // 30 s of 1 Hz syncs with 10 Hz events between
            syncAt(sync);
            for (int k = 1; k < 10; k++) {
                clock.advance(100 * MS);
                evr.event(EVENT, k * 100 * MS);
                e.currentTime();
            }
            clock.advance(100 * MS);
            e.tick();
        }
        assertThat(e.alarm()).as(e.status().modeReason()).isFalse();
        assertThat(e.status().mode()).isEqualTo(ClockMode.SYNCHRONOUS);
        assertThat(e.eventTime(EVENT)).isEqualTo(sync - S + 900 * MS);

        long last = e.currentTime();
        for (int s = 0; s < 25; s++) {   // no sync for 25 s; the grace is 20 s
            clock.advance(S);
            e.tick();
            assertThat(e.currentTime()).isGreaterThanOrEqualTo(last);
            last = e.currentTime();
        }
        assertThat(e.alarm()).isTrue();
        assertThat(e.status().mode()).isEqualTo(ClockMode.SOFT);
        assertThat(e.status().modeReason()).contains("no sync event (0x7d)").doesNotContain("tick counter");
        assertThat(e.eventTime(EVENT)).as("soft time: the current time").isEqualTo(e.currentTime());

        long back = sync + 26 * S;
        clock.advance(S);
        syncAt(back);
        assertThat(e.alarm()).isFalse();
        assertThat(e.status().mode()).isEqualTo(ClockMode.SYNCHRONOUS);
        evr.event(EVENT, 250 * MS);
        assertThat(e.eventTime(EVENT)).as("event time again").isEqualTo(back + 250 * MS);
        assertThat(e.currentTime()).isGreaterThanOrEqualTo(last);
    }

    @Test
    void anErrorTheDriverReportsIsAHardwareFailure() throws Exception {
        TimestampEngine e = engine();
        syncAt(T0);
        evr.errors.forEach(h -> h.onError(3, "event link lost"));
        assertThat(e.alarm()).isTrue();
        assertThat(e.status().modeReason()).contains("event system error 3: event link lost");
    }

    @Test
    void theUserTagIsKeptAndShown() throws Exception {
        TimestampEngine e = engine();
        syncAt(T0);
        evr.event(EVENT, 100 * MS, 4711);
        evr.event(0x29, 200 * MS);   // an older driver's delivery: no tag
        assertThat(e.userTag(EVENT)).isEqualTo(4711);
        assertThat(e.userTag(0x29)).isZero();
        String report = e.report();
        assertThat(report).contains("event 0x28 " + TimestampEngine.iso(T0 + 100 * MS) + "  user tag 4711");
        assertThat(report.lines().filter(l -> l.contains("event 0x29"))).singleElement(
                org.assertj.core.api.InstanceOfAssertFactories.STRING).doesNotContain("user tag");
        evr.event(EVENT, 300 * MS, 4712);
        assertThat(e.userTag(EVENT)).as("the latest").isEqualTo(4712);
        List<Long> heard = new ArrayList<>();
        e.addEventListener(EVENT, (n, t) -> heard.add(t));
        evr.event(EVENT, 400 * MS, 4713);
        assertThat(heard).containsExactly(T0 + 400 * MS);
    }

    @Test
    void theReportSaysWhichReceiverAndThatItHasNoTickCounter() throws Exception {
        TimestampEngine e = engine();
        syncAt(T0);
        assertThat(e.report())
                .contains("event system mrf (name=evr1)")
                .contains("  receiver mrf EVR1 (IOC prefix TST{EVR:1}, pva): link OK, PLL OK, timestamps valid\n")
                .contains("  tick counter: none (the receiver is read through its IOC): time between syncs runs on "
                        + "this host's monotonic clock from the last sync's hardware time\n")
                .contains("no tick counter");

        TimestampEngine plain = new TimestampEngine(new TimestampSettings(true, 10, 28323, 28322, 250, false, "", 0,
                20.0, "TS:", null, null), new FakeEventSystem(), "fake", clock, Runnable::run);
        plain.start();
        assertThat(plain.report()).doesNotContain("tick counter:").doesNotContain("  receiver ");
    }

    @Test
    void theEventSystemPvNamesTheDriverAndItsReceiverInACaString() throws Exception {
        RecordingPublisher publisher = new RecordingPublisher();
        TimestampEngine e = engine();
        try (StatusPvs pvs = new StatusPvs(publisher, "TS:", e, List::of)) {
            pvs.update();
            String value = ((PvValue.StringValue) publisher.last.get("TS:EventSystem").value()).value();
            assertThat(value).isEqualTo("mrf EVR1 (IOC prefix TST{EVR:1}, pva): ").hasSize(39);

            evr.description = "EVR2: link OK";   // a description without the driver's name gets it in front
            pvs.update();
            assertThat(((PvValue.StringValue) publisher.last.get("TS:EventSystem").value()).value())
                    .isEqualTo("mrf EVR2: link OK");

            evr.description = "";
            pvs.update();
            assertThat(((PvValue.StringValue) publisher.last.get("TS:EventSystem").value()).value())
                    .isEqualTo("mrf (name=evr1)");

            e.dropDriver(evr);
            pvs.update();
            assertThat(((PvValue.StringValue) publisher.last.get("TS:EventSystem").value()).value())
                    .isEqualTo("none");
        }
    }
}
