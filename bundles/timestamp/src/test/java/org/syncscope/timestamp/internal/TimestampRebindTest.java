package org.syncscope.timestamp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.syncscope.api.eventsystem.EventHandler;
import org.syncscope.api.time.ClockMode;

/** The event system redeployed under a running clock: time, counters and listeners carry on. */
class TimestampRebindTest {

    private static final long T0 = 1_764_000_000_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    private final FakeEventSystem first = new FakeEventSystem();
    private final FakeEventSystem.Clock clock = new FakeEventSystem.Clock(T0);
    private final List<Long> heard = new CopyOnWriteArrayList<>();

    private TimestampEngine master() throws Exception {
        TimestampEngine e = new TimestampEngine(
                new TimestampSettings(true, 10, 28323, 28322, 250, false, "", 0, 20.0, "TS:", null, null),
                first, "fake (name=first)", clock, Runnable::run);
        e.start();
        e.addEventListener(0x10, (n, t) -> heard.add(t));
        return e;
    }

    @Test
    void whenTheDriverGoesTheClockGoesOnInSoftTimeFromEventTime() throws Exception {
        TimestampEngine e = master();
        first.sync();
        clock.advance(2 * S);
        first.ticks = 2500;   // event time runs 0.5 s ahead of the host clock here
        long read = e.currentTime();
        assertThat(read).isEqualTo(T0 + 2500 * MS);
        EventHandler stale = first.events.get(0);
        int readsBefore = first.tickReads;
        e.dropDriver(first);   // SCR's unbind: the driver is not called, the time read last is the floor
        assertThat(first.tickReads).as("the driver was not called during the drop").isEqualTo(readsBefore);
        assertThat(first.events).as("handlers unregistered").isEmpty();
        assertThat(e.status().mode()).isEqualTo(ClockMode.SOFT);
        assertThat(e.status().modeReason()).contains("fake (name=first) went away");
        assertThat(e.currentTime()).as("carried on from event time, not back to the host clock")
                .isBetween(T0 + 2500 * MS, T0 + 2500 * MS + MS);
        stale.onEvent(0x10, 100);   // a late event of the driver that left
        assertThat(e.eventCount()).isEqualTo(1);
        assertThat(heard).isEmpty();
        e.dropDriver(new FakeEventSystem());   // not ours: nothing changes
        assertThat(e.status().modeReason()).contains("went away");
    }

    @Test
    void theNextDriverIsSynchronousFromItsFirstSyncAndListenersStay() throws Exception {
        TimestampEngine e = master();
        first.sync();
        first.event(0x10, 100);
        assertThat(heard).containsExactly(T0 + 100 * MS);
        clock.advance(3 * S);
        first.ticks = 3000;
        e.dropDriver(first);
        FakeEventSystem next = new FakeEventSystem();
        next.ticks = 987_654;   // counted since a reset this clock never saw: must not be used
        e.useDriver(next, "fake (name=next)");
        assertThat(next.initialised).isTrue();
        assertThat(next.forcedSyncs).as("a master asks the new generator for a sync at once").isEqualTo(1);
        assertThat(e.driver()).isSameAs(next);
        assertThat(e.status().mode()).isEqualTo(ClockMode.SYNCHRONOUS);
        assertThat(e.status().inSync()).as("not before the new driver's first sync").isFalse();
        long bridged = e.currentTime();
        assertThat(bridged).isBetween(T0 + 3 * S, T0 + 3 * S + MS);

        clock.advance(100 * MS);
        next.sync();
        assertThat(e.status().inSync()).isTrue();
        long sync = e.eventTime(FakeEventSystem.SYNC);
        assertThat(sync).isGreaterThanOrEqualTo(bridged);
        next.event(0x10, 40);
        assertThat(heard).as("a listener registered before the swap hears the new driver")
                .containsExactly(T0 + 100 * MS, sync + 40 * MS);
        assertThat(e.eventCount()).as("counts go on").isEqualTo(4);
        assertThat(e.report()).contains("event system fake (name=next)");
    }

    @Test
    void replacingTheDriverDirectlyLetsGoOfTheOldOne() throws Exception {
        TimestampEngine e = master();
        FakeEventSystem next = new FakeEventSystem();
        e.useDriver(next, "fake (name=next)");
        assertThat(first.events).isEmpty();
        assertThat(next.events).hasSize(1);
        e.useDriver(null, "(none)");
        assertThat(next.events).isEmpty();
        assertThat(e.status().mode()).isEqualTo(ClockMode.SOFT);
        assertThat(e.status().modeReason()).contains("no event-system driver bound");
    }
}
