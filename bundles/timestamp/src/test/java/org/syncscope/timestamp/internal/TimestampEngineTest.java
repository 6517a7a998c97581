package org.syncscope.timestamp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncscope.api.eventsystem.EventSystemException;
import org.syncscope.api.time.ClockMode;
import org.syncscope.api.time.ClockRole;
import org.syncscope.api.time.TimestampStatus;

/** The drvTS clock with a hand-moved clock and a scripted event system: no sleeps. */
class TimestampEngineTest {

    private static final long T0 = 1_764_000_000_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    private final FakeEventSystem es = new FakeEventSystem();
    private final FakeEventSystem.Clock clock = new FakeEventSystem.Clock(T0);

    private static TimestampSettings settings(boolean master, boolean forceSoft) {
        return new TimestampSettings(master, 10, 28323, 28322, 250, forceSoft, "", 0, 20.0, "TS:", null, null);
    }

    private TimestampEngine engine(boolean master, boolean forceSoft, FakeEventSystem driver) throws Exception {
        TimestampEngine e = new TimestampEngine(settings(master, forceSoft), driver, "(driver=fake)", clock, Runnable::run);
        e.start();
        return e;
    }

    @Test
    void modeMatrix() throws Exception {
        TimestampStatus syncMaster = engine(true, false, es).status();
        assertThat(syncMaster.mode()).isEqualTo(ClockMode.SYNCHRONOUS);
        assertThat(syncMaster.role()).isEqualTo(ClockRole.MASTER);
        assertThat(syncMaster.modeReason()).contains("event receiver present");
        assertThat(es.initialised).isTrue();

        assertThat(engine(false, false, es).status().mode()).isEqualTo(ClockMode.SYNCHRONOUS);
        assertThat(engine(false, false, es).status().role()).isEqualTo(ClockRole.SLAVE);

        FakeEventSystem noReceiver = new FakeEventSystem();
        noReceiver.receiver = false;
        TimestampStatus softMaster = engine(true, false, noReceiver).status();
        assertThat(softMaster.mode()).isEqualTo(ClockMode.SOFT);
        assertThat(softMaster.role()).isEqualTo(ClockRole.MASTER);
        assertThat(softMaster.modeReason()).contains("reports no receiver");
        assertThat(noReceiver.initialised).as("no receiver: the driver is not used").isFalse();

        TimestampStatus softSlave = new TimestampEngine(settings(false, false), null, "", clock, Runnable::run).status();
        assertThat(softSlave.mode()).isEqualTo(ClockMode.SOFT);
        assertThat(softSlave.role()).isEqualTo(ClockRole.SLAVE);
        assertThat(softSlave.modeReason()).contains("no event-system driver");

        FakeEventSystem ignored = new FakeEventSystem();
        TimestampStatus forced = engine(false, true, ignored).status();
        assertThat(forced.mode()).isEqualTo(ClockMode.SOFT);
        assertThat(forced.modeReason()).contains("forceSoft=true");
        assertThat(ignored.events).isEmpty();
    }

    @Test
    void eventTimesAreLastSyncPlusTicksOverClockRate() throws Exception {
        TimestampEngine e = engine(true, false, es);
        es.sync();
        assertThat(e.eventTime(FakeEventSystem.SYNC)).isEqualTo(T0);
        clock.advance(250 * MS);
        es.event(0x10, 250);
        assertThat(e.eventTime(0x10)).isEqualTo(T0 + 250 * MS);
        es.event(0x11, 1234);
        assertThat(e.eventTime(0x11)).isEqualTo(T0 + 1234 * MS);
        es.ticks = 1500;
        assertThat(e.currentTime()).isEqualTo(T0 + 1500 * MS);
        assertThat(e.eventTime(0)).as("event 0 is the current time").isEqualTo(T0 + 1500 * MS);
        assertThat(e.status().inSync()).isTrue();
        assertThat(e.status().lastSyncNanos()).isEqualTo(T0);
        assertThat(e.eventCount()).isEqualTo(3);
    }

    @Test
    void softModeAnswersEveryEventWithTheCurrentTime() throws Exception {
        TimestampEngine e = engine(false, true, es);
        clock.advance(5 * S);
        assertThat(e.eventTime(0x10)).isEqualTo(T0 + 5 * S);
        assertThat(e.eventTime(0)).isEqualTo(T0 + 5 * S);
        assertThatThrownBy(() -> e.eventTime(256)).hasMessageContaining("event 256 is outside 0..255");
        assertThatThrownBy(() -> e.eventTime(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> e.addEventListener(0, (n, t) -> { })).hasMessageContaining("outside 1..255");
        assertThatThrownBy(e::forceSync).isInstanceOf(EventSystemException.class).hasMessageContaining("forceSoft");
    }

    @Test
    void timeNeverGoesBackWhenTheHostClockJumpsBackOneSecond() throws Exception {
        TimestampEngine e = engine(true, true, es);
        long last = e.currentTime();
        long mostNegativeOffset = 0;
        clock.advance(5 * S);
        clock.wall -= S;   // the host clock is stepped back by one second
        for (int i = 0; i < 40_000; i++) {   // 40 s in 1 ms steps, housekeeping every second
            clock.advance(MS);
            if (i % 1000 == 0) {
                e.tick();
                mostNegativeOffset = Math.min(mostNegativeOffset, e.status().lastOffsetNanos());
            }
            long now = e.currentTime();
            assertThat(now).as("at step %d", i).isGreaterThanOrEqualTo(last);
            last = now;
        }
        // the second was slewed away: our time agrees with the host's again, without a step back
        assertThat(Math.abs(e.currentTime() - clock.wall)).isLessThan(2 * MS);
        assertThat(mostNegativeOffset).as("the 1 s jump was seen and slewed").isBetween(-S - 5 * MS, -S + 5 * MS);
        assertThat(e.status().backwardsPrevented()).as("slewing, not clamping, kept time monotonic").isZero();
    }

    @Test
    void missingSyncEventsRevertToSoftTimeWithAnAlarmAndTheNextSyncRecovers() throws Exception {
        TimestampEngine e = engine(true, false, es);
        es.sync();
        clock.advance(S);
        es.ticks = 1000;
        long before = e.currentTime();
        for (int s = 0; s < 25; s++) {   // 25 s without a sync event; grace is 20 s
            clock.advance(S);
            es.ticks += 1000;
            e.tick();
        }
        assertThat(e.alarm()).isTrue();
        assertThat(e.status().mode()).isEqualTo(ClockMode.SOFT);
        assertThat(e.status().modeReason()).contains("no sync event");
        assertThat(e.currentTime()).isGreaterThanOrEqualTo(before);
        assertThat(e.eventTime(0x10)).as("soft mode: current time").isEqualTo(e.currentTime());

        clock.advance(S);
        es.sync();
        assertThat(e.alarm()).isFalse();
        assertThat(e.status().mode()).isEqualTo(ClockMode.SYNCHRONOUS);
    }

    @Test
    void stoppedTicksAndDriverErrorsAreHardwareFailures() throws Exception {
        TimestampEngine e = engine(true, false, es);
        es.sync();
        es.ticks = 10;
        for (int s = 0; s < 3; s++) {   // ticks frozen across housekeeping rounds
            clock.advance(S);
            e.tick();
        }
        assertThat(e.alarm()).isTrue();
        assertThat(e.status().modeReason()).contains("tick counter stopped");

        FakeEventSystem other = new FakeEventSystem();
        TimestampEngine e2 = engine(true, false, other);
        other.sync();
        other.errors.forEach(h -> h.onError(7, "link lost"));
        assertThat(e2.alarm()).isTrue();
        assertThat(e2.status().modeReason()).contains("event system error 7: link lost");
    }

    @Test
    void directTimeIsUsedForSyncsWhenTheHardwareHasIt() throws Exception {
        es.directTime = T0 + 42 * S;
        TimestampEngine e = engine(false, false, es);
        es.sync();
        assertThat(e.eventTime(FakeEventSystem.SYNC)).isEqualTo(T0 + 42 * S);
        es.ticks = 100;
        assertThat(e.currentTime()).isEqualTo(T0 + 42 * S + 100 * MS);
    }

    @Test
    void listenersGetTheirEventsTimes() throws Exception {
        TimestampEngine e = engine(true, false, es);
        List<Long> seen = new ArrayList<>();
        var registration = e.addEventListener(0x81, (n, t) -> seen.add(t));
        es.sync();
        es.event(0x81, 10);
        es.event(0x82, 20);
        registration.close();
        es.event(0x81, 30);
        assertThat(seen).containsExactly(T0 + 10 * MS);
        e.forceSync();
        assertThat(es.forcedSyncs).isEqualTo(1);
        assertThat(e.report()).contains("event 0x81").contains("mode SYNCHRONOUS").contains("clock rate 1000 Hz");
    }

    @Test
    void ticksAreScaledByTheRateTheDriverReportsAndAnotherDriverBringsItsOwn() throws Exception {
        FakeEventSystem mrf = new FakeEventSystem();
        mrf.clockRateHz = 125_000_000;   // an MRF receiver's event clock
        TimestampEngine e = engine(true, false, mrf);
        List<Long> seen = new ArrayList<>();
        e.addEventListener(0x81, (n, t) -> seen.add(t));
        mrf.sync();
        mrf.event(0x81, 62_500_000);
        assertThat(seen).containsExactly(T0 + S / 2);
        assertThat(e.currentTime()).isEqualTo(T0 + S / 2);
        assertThat(e.clockRateHz()).isEqualTo(125_000_000);
        assertThat(new org.syncscope.timestamp.internal.net.EngineTimeSource(e).clockHz())
                .as("the stamp server announces the driver's rate").isEqualTo(125_000_000);
        assertThat(e.report()).contains("clock rate 125000000 Hz");

        clock.advance(S);
        e.useDriver(es, "(driver=fake, default rate)");
        es.sync();
        es.event(0x81, 250);
        assertThat(e.clockRateHz()).isEqualTo(1000);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(1)).as("250 ticks at 1000 Hz after the new sync").isEqualTo(T0 + S + 250 * MS);

        FakeEventSystem broken = new FakeEventSystem();
        broken.clockRateHz = 0;
        e.useDriver(broken, "(driver=broken)");
        assertThat(e.status().mode()).isEqualTo(ClockMode.SOFT);
        assertThat(e.status().modeReason()).contains("clock rate of 0 Hz");
    }

    @Test
    void readersAndUnbindDoNotWaitForADriverCallInProgress() throws Exception {
        java.util.concurrent.CountDownLatch inDriver = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        FakeEventSystem stuck = new FakeEventSystem() {
            volatile boolean hang;

            @Override
            public long ticksSinceReset() throws EventSystemException {
                if (hang && Thread.currentThread().getName().equals("housekeeping")) {
                    inDriver.countDown();
                    try {
                        release.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.ticksSinceReset();
            }

            @Override
            public void forceSync() {
                hang = true;   // the test's signal: from now on the housekeeping read hangs
            }
        };
        TimestampEngine e = engine(true, false, stuck);
        stuck.sync();
        stuck.event(0x10, 5);
        stuck.forceSync();
        Thread housekeeping = new Thread(e::tick, "housekeeping");
        housekeeping.setDaemon(true);
        housekeeping.start();
        try {
            assertThat(inDriver.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> {
                assertThat(e.status().mode()).isEqualTo(ClockMode.SYNCHRONOUS);
                assertThat(e.eventTime(0x10)).isEqualTo(T0 + 5 * MS);
                assertThat(e.currentTime()).isGreaterThanOrEqualTo(T0);
                assertThat(e.alarm()).isFalse();
                assertThat(e.report()).contains("event 0x10");
                e.dropDriver(stuck);   // SCR's unbind meanwhile
                assertThat(e.status().mode()).isEqualTo(ClockMode.SOFT);
            }, "a reader or unbind waited for the driver call in progress");
        } finally {
            release.countDown();
        }
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> new TimestampSettings(true, 0, 28323, 28322, 250, false, "", 0, 20, "", null, null))
                .hasMessageContaining("syncRateSeconds: 0");
        assertThatThrownBy(() -> new TimestampSettings(true, 10, 70000, 28322, 250, false, "", 0, 20, "", null, null))
                .hasMessageContaining("masterPort: 70000");
        assertThatThrownBy(() -> new TimestampSettings(true, 10, 28323, 28322, 250, false, "", -1, 20, "", null, null))
                .hasMessageContaining("debug: -1");
    }
}
