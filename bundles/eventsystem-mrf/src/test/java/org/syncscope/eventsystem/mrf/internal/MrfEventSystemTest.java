package org.syncscope.eventsystem.mrf.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syncscope.api.eventsystem.EventHandler;
import org.syncscope.api.eventsystem.EventSystemException;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.PvValue;
import org.syncscope.eventsystem.mrf.MrfEventState;
import org.syncscope.testing.MemorySource;

/**
 * The driver against mrfioc2's PVs served from memory; callbacks run on the test's thread (the
 * delivery executor runs each task at once), so every assertion follows what was sent.
 */
class MrfEventSystemTest {

    static final String P = "TST{EVR:1}";
    static final String SYNC = P + "Evt125Cnt-I";
    static final String EVT10 = P + "Evt10Cnt-I";
    /** A hardware time with every ns digit set, so a rounding anywhere shows. */
    static final long T0 = 1_700_000_000_123_456_789L;

    record Event(int code, long ticks, long userTag) {
    }

    record Error(int code, String description) {
    }

    private final MemorySource source = new MemorySource();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<Error> errors = new CopyOnWriteArrayList<>();
    private String protocol = "ca";
    private MrfEventSystem driver;

    static MrfSettings settings(String prefix) {
        return new MrfSettings("EVR1", prefix, List.of(new FollowedEvent(125, prefix + "Evt125"),
                new FollowedEvent(10, prefix + "Evt10")), 125, "ca", 10);
    }

    @BeforeEach
    void start() {
        driver = new MrfEventSystem(settings(P), "etc/org.syncscope.eventsystem.mrf-EVR1.cfg", source, Runnable::run,
                () -> protocol);
        driver.registerEventHandler(new EventHandler() {
            @Override
            public void onEvent(int eventNumber, long ticks) {
                throw new AssertionError("the driver delivers the user tag");
            }

            @Override
            public void onEvent(int eventNumber, long ticks, long userTag) {
                events.add(new Event(eventNumber, ticks, userTag));
            }
        });
        driver.registerErrorHandler((code, description) -> errors.add(new Error(code, description)));
        driver.start();
        driver.init();
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    /** Every PV connects and sends its current value, as an IOC whose receiver is well does. */
    void iocUp(long counters) {
        source.subscribed().stream().filter(pv -> pv.startsWith(P)).forEach(pv -> source.connect(pv, true));
        send(P + "Link-Sts", new PvValue.EnumValue(1, "OK"));
        send(P + "Pll-Sts", new PvValue.EnumValue(1, "OK"));
        send(P + "Time:Valid-Sts", new PvValue.EnumValue(1, "Valid"));
        for (String c : List.of("RxErr", "LinkTimo", "HwOflw", "SwOflw")) {
            send(P + "Cnt:" + c + "-I", new PvValue.LongValue(7));   // history: not an error
        }
        send(P + "Time-I", new PvValue.StringValue("Tue, 14 Nov 2023 22:13:20 +0000"));
        send(P + "Time:Clock-I", new PvValue.DoubleValue(124.916));
        send(P + "Time:Src-Sel", new PvValue.EnumValue(0, "Event clock"));
        counter(SYNC, counters, T0 - 1_000_000_000L, 0);
        counter(EVT10, counters, T0 - 900_000_000L, 0);
    }

    void send(String pv, PvValue value) {
        assertThat(source.update(pv, T0 - 5_000_000_000L, value)).as(pv + " is subscribed once").isEqualTo(1);
    }

    void counter(String pv, long value, long hardwareNanos, int userTag) {
        assertThat(source.update(new PvUpdate(pv, new PvValue.DoubleValue(value), hardwareNanos, hardwareNanos + 3_000_000,
                AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM, userTag))).isEqualTo(1);
    }

    @Test
    void subscribesTheReceiverRecordsAndEachEventsCounter() {
        assertThat(source.subscribed()).containsExactly(P + "Link-Sts", P + "Pll-Sts", P + "Time:Valid-Sts",
                P + "Cnt:RxErr-I", P + "Cnt:LinkTimo-I", P + "Cnt:HwOflw-I", P + "Cnt:SwOflw-I", P + "Time-I",
                P + "Time:Clock-I", P + "Time:Src-Sel", SYNC, EVT10);
    }

    @Test
    void hardwareStampsAt10HzGiveExactlyThoseTicksAndTheSyncsTime() throws Exception {
        iocUp(100);
        assertThat(events).as("the current values at connect are no events").isEmpty();
        assertThat(driver.hasReceiver()).isTrue();

        List<Event> expected = new ArrayList<>();
        long counter10 = 100;
        for (int second = 0; second < 3; second++) {
            long sync = T0 + second * 1_000_000_000L;
            counter(SYNC, 101 + second, sync, 0);
            expected.add(new Event(125, 0, 0));
            assertThat(driver.directTimeNanos()).isEqualTo(sync);
            for (int k = 1; k <= 9; k++) {
                long offset = k * 100_000_000L + 17 * k;       // 10 Hz, with a few ns of jitter
                counter(EVT10, ++counter10, sync + offset, 0);
                expected.add(new Event(10, offset, 0));
            }
        }
        assertThat(events).containsExactlyElementsOf(expected);
        assertThat(driver.directTimeNanos()).isEqualTo(T0 + 2_000_000_000L);
        assertThat(errors).as("nothing while all is well").isEmpty();
        assertThat(driver.describe()).isEqualTo("mrf EVR1 (TST{EVR:1}, ca): link OK, PLL OK, timestamps valid, "
                + "clock 124.916 MHz, time source Event clock, 0 events missed");
        assertThat(driver.events()).containsExactly(
                new MrfEventState(125, SYNC, true, 103, T0 + 2_000_000_000L, 0, 3, 0),
                new MrfEventState(10, EVT10, true, 127, T0 + 2_900_000_153L, 0, 27, 0));
        assertThat(driver.lastSecond()).isEqualTo("Tue, 14 Nov 2023 22:13:20 +0000");
    }

    @Test
    void theUserTagOfEachEventIsCarriedUnsigned() {
        protocol = "pva";
        iocUp(0);
        counter(SYNC, 1, T0, 4711);
        counter(EVT10, 1, T0 + 100_000_000L, 4712);
        counter(EVT10, 2, T0 + 200_000_000L, -2);     // 0xFFFFFFFE: a pulse ID past 2^31
        assertThat(events).containsExactly(new Event(125, 0, 4711), new Event(10, 100_000_000L, 4712),
                new Event(10, 200_000_000L, 0xFFFF_FFFEL));
        assertThat(driver.describe()).startsWith("mrf EVR1 (TST{EVR:1}, pva): ");
        assertThat(driver.events().get(1).userTag()).isEqualTo(0xFFFF_FFFEL);
    }

    @Test
    void eventsBeforeTheFirstSyncAreNotDelivered() {
        iocUp(0);
        counter(EVT10, 1, T0 - 500_000_000L, 0);
        assertThat(events).isEmpty();
        assertThat(driver.describe()).endsWith(", waiting for the first sync event (125)");
        assertThatThrownBy(driver::directTimeNanos).isInstanceOf(EventSystemException.class)
                .hasMessageContaining("no sync event (125) seen yet");
        counter(SYNC, 1, T0, 0);
        counter(EVT10, 2, T0 + 100_000_000L, 0);
        assertThat(events).containsExactly(new Event(125, 0, 0), new Event(10, 100_000_000L, 0));
        assertThat(driver.events().get(1).delivered()).isEqualTo(1);
    }

    @Test
    void linkLossPllErrorAndInvalidTimestampsReachTheErrorHandlerOnceEach() {
        iocUp(0);
        counter(SYNC, 1, T0, 0);
        send(P + "Link-Sts", new PvValue.EnumValue(0, "Fail"));
        send(P + "Link-Sts", new PvValue.EnumValue(0, "Fail"));       // still down: not a new error
        assertThat(driver.hasReceiver()).isFalse();
        send(P + "Pll-Sts", new PvValue.EnumValue(0, "Error"));
        send(P + "Time:Valid-Sts", new PvValue.EnumValue(0, "Invalid"));
        assertThat(errors).extracting(Error::code).containsExactly(1, 2, 3);
        assertThat(errors.get(0).description()).isEqualTo("mrf EVR1: the event link is down (TST{EVR:1}Link-Sts Fail): "
                + "no events arrive");
        assertThat(errors.get(1).description()).contains("TST{EVR:1}Pll-Sts Error");
        assertThat(errors.get(2).description()).contains("TST{EVR:1}Time:Valid-Sts Invalid");
        assertThat(driver.describe()).startsWith("mrf EVR1 (TST{EVR:1}, ca): link Fail, PLL Error, timestamps invalid, ");
        assertThatThrownBy(driver::directTimeNanos).hasMessageContaining("timestamps are invalid");

        send(P + "Link-Sts", new PvValue.EnumValue(1, "OK"));
        send(P + "Time:Valid-Sts", new PvValue.EnumValue(1, "Valid"));
        assertThat(driver.hasReceiver()).as("PLL is not part of it").isTrue();
        send(P + "Link-Sts", new PvValue.EnumValue(0, "Fail"));
        assertThat(errors).extracting(Error::code).as("a new loss is a new error").containsExactly(1, 2, 3, 1);
    }

    @Test
    void aBadStateAlreadyThereAtConnectIsReported() {
        source.subscribed().forEach(pv -> source.connect(pv, true));
        send(P + "Link-Sts", new PvValue.EnumValue(0, "Fail"));
        assertThat(errors).extracting(Error::code).containsExactly(1);
    }

    @Test
    void eachErrorCounterIncreaseIsReportedWithItsOwnCode() {
        iocUp(0);
        send(P + "Cnt:RxErr-I", new PvValue.LongValue(10));
        send(P + "Cnt:LinkTimo-I", new PvValue.LongValue(8));
        send(P + "Cnt:HwOflw-I", new PvValue.LongValue(9));
        send(P + "Cnt:SwOflw-I", new PvValue.LongValue(8));
        send(P + "Cnt:RxErr-I", new PvValue.LongValue(10));   // unchanged: nothing
        assertThat(errors).extracting(Error::code).containsExactly(4, 5, 6, 7);
        assertThat(errors.get(0).description()).isEqualTo("mrf EVR1: TST{EVR:1}Cnt:RxErr-I went up by 3 to 10: "
                + "receive errors on the event link (Cnt:RxErr-I went up)");
        assertThat(driver.describe()).contains("3 receive errors, 1 link timeouts, 2 FIFO overflows, 1 FIFO over-rates");
    }

    @Test
    void aCounterJumpCountsTheMissedEventsWithoutAnError() {
        iocUp(40);
        counter(SYNC, 41, T0, 0);
        counter(EVT10, 41, T0 + 100_000_000L, 0);
        counter(EVT10, 44, T0 + 400_000_000L, 0);       // 42 and 43 coalesced into this update
        assertThat(events).containsExactly(new Event(125, 0, 0), new Event(10, 100_000_000L, 0),
                new Event(10, 400_000_000L, 0));
        // counted and shown, not an error: the timestamp driver would revert to soft time for it
        assertThat(errors).isEmpty();
        assertThat(driver.events().get(1).missed()).isEqualTo(2);
        assertThat(driver.describe()).endsWith(", 2 events missed");
        counter(EVT10, 45, T0 + 500_000_000L, 0);
        assertThat(errors).isEmpty();
    }

    @Test
    void noEventWhileTheLinkIsDownOrTheTimestampsAreInvalid() {
        iocUp(40);
        counter(SYNC, 41, T0, 0);
        send(P + "Link-Sts", new PvValue.EnumValue(0, "Fail"));
        counter(EVT10, 41, T0 + 100_000_000L, 0);
        send(P + "Link-Sts", new PvValue.EnumValue(1, "OK"));
        send(P + "Time:Valid-Sts", new PvValue.EnumValue(0, "Invalid"));
        counter(EVT10, 42, T0 + 200_000_000L, 0);
        assertThat(events).as("only the sync before the link went down").containsExactly(new Event(125, 0, 0));
        send(P + "Time:Valid-Sts", new PvValue.EnumValue(1, "Valid"));
        counter(EVT10, 43, T0 + 300_000_000L, 0);
        assertThat(events).containsExactly(new Event(125, 0, 0), new Event(10, 300_000_000L, 0));
    }

    @Test
    void anIocDisconnectIsOneErrorAndItsReturnStartsFromTheNewCounters() {
        iocUp(40);
        counter(SYNC, 41, T0, 0);
        source.subscribed().forEach(pv -> source.connect(pv, false));
        assertThat(errors).containsExactly(new Error(8, "mrf EVR1: TST{EVR:1}Link-Sts disconnected: the IOC is gone or "
                + "unreachable; the receiver is not read until it is back"));
        assertThat(driver.hasReceiver()).isFalse();
        assertThat(driver.describe()).startsWith("mrf EVR1 (TST{EVR:1}, ca): disconnected (IOC gone?): TST{EVR:1}Link-Sts, ")
                .contains("link ?, PLL ?, timestamps ?, clock ? MHz");
        assertThatThrownBy(driver::directTimeNanos).hasMessageContaining("timestamps are unknown");

        iocUp(3);             // a restarted IOC: its counters begin again; their current values are no events
        assertThat(errors).hasSize(1);
        assertThat(events).containsExactly(new Event(125, 0, 0));
        assertThat(driver.hasReceiver()).isTrue();
        counter(SYNC, 4, T0 + 60_000_000_000L, 0);
        counter(EVT10, 4, T0 + 60_100_000_000L, 0);
        assertThat(events).endsWith(new Event(125, 0, 0), new Event(10, 100_000_000L, 0));
        assertThat(driver.events()).extracting(MrfEventState::missed).containsOnly(0L);

        source.connect(P + "Time-I", false);
        assertThat(errors).as("the next outage is news again").hasSize(2);
        assertThat(errors.get(1).code()).isEqualTo(8);
    }

    @Test
    void aLostPvSourceIsNotBlamedOnTheIoc() {
        iocUp(0);
        protocol = null;
        source.subscribed().forEach(pv -> source.connect(pv, false));
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.description())
                .isEqualTo("mrf EVR1: TST{EVR:1}Link-Sts disconnected: the PV source went away (source.target ca); "
                        + "the receiver is not read until one is bound"));
    }

    @Test
    void aWrongPrefixNamesEveryPvNotFound() {
        MrfEventSystem wrong = new MrfEventSystem(settings("TST{EVR:9}"), "etc/x.cfg", source, Runnable::run, () -> "ca");
        wrong.registerErrorHandler((code, description) -> errors.add(new Error(code, description)));
        wrong.start();
        iocUp(0);             // the real receiver's IOC answers for TST{EVR:1} only
        wrong.checkConnections();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).code()).isEqualTo(10);
        assertThat(errors.get(0).description()).startsWith("mrf EVR1: 12 of 12 PVs not found over ca after 10 s: "
                + "TST{EVR:9}Link-Sts, TST{EVR:9}Pll-Sts, TST{EVR:9}Time:Valid-Sts, TST{EVR:9}Cnt:RxErr-I, ")
                .contains("TST{EVR:9}Time:Src-Sel, TST{EVR:9}Evt125Cnt-I, TST{EVR:9}Evt10Cnt-I (check prefix and events");
        assertThat(wrong.describe()).startsWith("mrf EVR1 (TST{EVR:9}, ca): not found after 10 s: TST{EVR:9}Link-Sts, ");
        assertThat(wrong.hasReceiver()).isFalse();
        wrong.close();

        driver.checkConnections();
        assertThat(errors).as("the right prefix connected: nothing to say").hasSize(1);
    }

    @Test
    void withoutAPvSourceTheTimeoutSaysSo() {
        protocol = null;
        driver.checkConnections();
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.description())
                .startsWith("mrf EVR1: no PV source matches source.target (ca) after 10 s"));
        assertThat(driver.describe()).startsWith("mrf EVR1 (TST{EVR:1}, ca: no PV source bound): not found after 10 s: ");
    }

    @Test
    void whatAReceiverSeenThroughItsIocCannotDo() {
        assertThat(driver.hasTickCounter()).isFalse();
        assertThat(driver.clockRateHz()).isEqualTo(1_000_000_000);
        assertThat(driver.numberOfEvents()).isEqualTo(256);
        assertThat(driver.syncEventNumber()).isEqualTo(125);
        assertThat(driver.hasDirectTime()).isTrue();
        assertThatThrownBy(driver::ticksSinceReset).isInstanceOf(EventSystemException.class)
                .hasMessageContaining("mrfioc2 publishes none").hasMessageContaining("monotonic clock");
        assertThatThrownBy(driver::forceSync).isInstanceOf(EventSystemException.class)
                .hasMessageContaining("cannot send events");
    }

    @Test
    void closedItDeliversNothingMore() {
        iocUp(0);
        MemorySource.Sub sync = source.open(SYNC).get(0);
        driver.close();
        assertThat(source.open()).isEmpty();
        sync.send(new PvValue.DoubleValue(1));
        assertThat(events).isEmpty();
    }
}
