package org.syncscope.timeav.internal;

import static org.syncscope.timeav.internal.TimeavTesting.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PvValue;
import org.syncscope.testing.MemorySource;
import org.syncscope.testing.RecordingPublisher;

/** Values that are not current carry an alarm; an input outage ends the collection; stamps never go back. */
class TimeavDeviceFaultTest {

    private final Fakes.ManualEvents events = new Fakes.ManualEvents();
    private final MemorySource source = new MemorySource();
    private final RecordingPublisher publisher = new RecordingPublisher();

    private TimeavDevice device(String name, String expression) {
        return new TimeavDevice(name, expression, source, publisher, events, Fakes.DIRECT);
    }

    private void samples(String pv, double value, int n) {
        for (int i = 0; i < n; i++) {
            source.update(pv, 0, new PvValue.DoubleValue(value));
            events.tick(100);
        }
    }

    private void assertAlarm(String pv, AlarmSeverity severity, AlarmStatus status) {
        assertThat(publisher.last.get(pv).severity()).as(pv + " severity").isEqualTo(severity);
        assertThat(publisher.last.get(pv).status()).as(pv + " status").isEqualTo(status);
    }

    @Test
    void afterAResetTheOldValueIsInvalidUdfUntilTheFirstNewAverage() {
        TimeavDevice d = device("AV:R", "X | p,100 | null | 2 | sum");
        samples("X", 1, 2);
        assertThat(number(publisher, "AV:R")).isEqualTo(2.0);
        assertAlarm("AV:R", AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        d.reset();
        assertThat(number(publisher, "AV:R")).as("the value stays, marked stale").isEqualTo(2.0);
        assertAlarm("AV:R", AlarmSeverity.INVALID, AlarmStatus.UDF);
        assertThat(d.outputText()).isEqualTo("INVALID/UDF: no average since the restart");
        samples("X", 3, 1);
        assertAlarm("AV:R", AlarmSeverity.INVALID, AlarmStatus.UDF);
        samples("X", 3, 1);
        assertThat(number(publisher, "AV:R")).isEqualTo(6.0);
        assertAlarm("AV:R", AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        assertThat(d.outputText()).isEqualTo("NO_ALARM: current");
    }

    @Test
    void aLiveEditToABadExpressionLeavesTheOutputInvalidCalc() {
        TimeavDevice d = device("AV:E", "X | p,100 | null | 1");
        samples("X", 4, 1);
        assertAlarm("AV:E", AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        d.update("X | p,100 | null | 1 | median");
        assertThat(number(publisher, "AV:E")).isEqualTo(4.0);
        assertAlarm("AV:E", AlarmSeverity.INVALID, AlarmStatus.CALC);
        assertAlarm("AV:E:Status", AlarmSeverity.INVALID, AlarmStatus.CALC);
        assertThat(d.statusText()).startsWith("DAE_INVALID_SETTING: calcDirection");
        assertThat(d.outputText()).isEqualTo("INVALID/CALC: the expression is refused (see status)");
        samples("X", 5, 3);
        assertThat(number(publisher, "AV:E")).as("nothing is computed on a refused expression").isEqualTo(4.0);
    }

    @Test
    void anOutageEndsTheCollectionSoNoDiffSpansIt() {
        TimeavDevice d = device("AV:D", "X | p,100,false | p,1000,false | 0 | diff");
        samples("X", 1, 10);
        events.tick(1000);                       // first mean kept
        samples("X", 1, 10);
        events.tick(1000);
        assertThat(number(publisher, "AV:D")).isEqualTo(0.0);
        assertAlarm("AV:D", AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);

        source.connect("X", false);
        assertAlarm("AV:D", AlarmSeverity.INVALID, AlarmStatus.COMM);
        assertAlarm("AV:D:Status", AlarmSeverity.INVALID, AlarmStatus.COMM);
        assertThat(d.statusText()).isEqualTo("input disconnected");
        assertThat(d.outputText()).isEqualTo("INVALID/COMM: input disconnected; no average since");
        for (int i = 0; i < 10; i++) {
            events.tick(100);
        }
        events.tick(1000);
        assertThat(d.statusText()).as("the computes during the outage keep saying why").isEqualTo("input disconnected");

        source.connect("X", true);
        samples("X", 10, 10);                    // the restarted IOC's value
        events.tick(1000);
        assertThat(number(publisher, "AV:D")).as("no diff of a mean before the outage and one after").isEqualTo(0.0);
        assertAlarm("AV:D", AlarmSeverity.INVALID, AlarmStatus.COMM);
        assertThat(d.statusText()).isEqualTo("first mean kept; diff from the next");
        samples("X", 12, 10);
        events.tick(1000);
        assertThat(number(publisher, "AV:D")).isEqualTo(2.0);
        assertAlarm("AV:D", AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
    }

    @Test
    void anSdKeepsItsSamplesAcrossAnOutageAndIsInvalidWhileTheInputIsGone() {
        device("AV:S", "X | p,100,false | null | 4 | sd");
        samples("X", 1, 1);
        samples("X", 2, 1);
        samples("X", 3, 1);
        source.connect("X", false);
        events.tick(100);
        source.connect("X", true);
        samples("X", 4, 1);
        assertThat(number(publisher, "AV:S")).as("sd of 1, 2, 3 and 4: the samples from before the outage count")
                .isCloseTo(Math.sqrt(5.0 / 3), within(1e-12));
        assertAlarm("AV:S", AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        source.connect("X", false);
        assertAlarm("AV:S", AlarmSeverity.INVALID, AlarmStatus.COMM);
    }

    @Test
    void anOutageEndsTheLifetimeWindow() {
        device("AV:L", "X | p,100,false | null | 3 | life");
        for (double x : new double[] {100, 90, 81}) {
            samples("X", x, 1);
        }
        double tau = number(publisher, "AV:L");
        source.connect("X", false);
        events.tick(100);
        source.connect("X", true);
        samples("X", 200, 1);
        assertThat(number(publisher, "AV:L")).as("no lifetime from 90 or 81 before the outage to 200 after").isEqualTo(tau);
        assertAlarm("AV:L", AlarmSeverity.INVALID, AlarmStatus.COMM);
        samples("X", 180, 1);
        assertThat(number(publisher, "AV:L")).isEqualTo(0.1 / Math.log(200.0 / 180));
        assertAlarm("AV:L", AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
    }

    @Test
    void anInvalidInputValueIsNotSampled() {
        TimeavDevice d = device("AV:I", "X | p,100,false | null | 2 | sum");
        source.update("X", 0, new PvValue.DoubleValue(0), AlarmSeverity.INVALID, AlarmStatus.UDF);     // a record not processed yet
        events.tick(100);
        assertThat(d.statusText()).isEqualTo("input INVALID/UDF: not sampled");
        samples("X", 5, 2);
        assertThat(number(publisher, "AV:I")).as("5 + 5, not 0 + 5").isEqualTo(10.0);
    }

    @Test
    void theValueRedeliveredAtAReconnectIsNoChangeForQ() {
        device("AV:Q", "X | q,100,false | p,1000,false | 0 | sum");
        source.update("X", 0, new PvValue.DoubleValue(3));      // current value at the connection
        events.tick(100);
        source.update("X", 0, new PvValue.DoubleValue(4));
        events.tick(100);
        events.tick(1000);
        assertThat(number(publisher, "AV:Q")).isEqualTo(4.0);
        source.connect("X", false);
        source.connect("X", true);
        source.update("X", 0, new PvValue.DoubleValue(4));      // CA sends the channel's value again
        events.tick(100);
        events.tick(1000);
        assertAlarm("AV:Q", AlarmSeverity.INVALID, AlarmStatus.COMM);
        source.update("X", 0, new PvValue.DoubleValue(6));
        events.tick(100);
        events.tick(1000);
        assertThat(number(publisher, "AV:Q")).isEqualTo(6.0);
        assertAlarm("AV:Q", AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
    }

    @Test
    void noPvOfTheDeviceEverGoesBackInTime() {
        TimeavDevice d = device("AV:T", "X | p,100 | null | 2 | sum");
        samples("X", 1, 3);
        events.now -= 2_000_000_000L;            // the clock behind now() stepped back (driver gone: host clock)
        samples("X", 1, 2);
        source.connect("X", false);
        events.now -= 1_000_000_000L;
        source.connect("X", true);
        samples("X", 1, 2);
        d.reset();
        events.now -= 1_000_000_000L;
        samples("X", 1, 3);
        d.update("X | p,100 | null | 2 | nope");
        for (String pv : List.of("AV:T", "AV:T:Status")) {
            List<Long> times = publisher.posts(pv).stream().map(RecordingPublisher.Posted::stampNanos).toList();
            assertThat(times).as(pv).hasSizeGreaterThan(3);
            for (int i = 1; i < times.size(); i++) {
                assertThat(times.get(i)).as(pv + " post " + i + " of " + times).isGreaterThanOrEqualTo(times.get(i - 1));
            }
        }
    }
}
