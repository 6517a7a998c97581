package org.syncscope.timeav.internal;

import static org.syncscope.timeav.internal.TimeavTesting.number;
import static org.syncscope.timeav.internal.TimeavTesting.text;
import static org.syncscope.timeav.internal.TimeavTesting.write;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.PvType;
import org.syncscope.api.pv.PvValue;
import org.syncscope.testing.MemorySource;
import org.syncscope.testing.RecordingPublisher;

/** Devices on hand-fired events: sampling the latest value, PVs, Reset, bad expressions, q and clock events. */
class TimeavDeviceTest {

    private final Fakes.ManualEvents events = new Fakes.ManualEvents();
    private final MemorySource source = new MemorySource();
    private final RecordingPublisher publisher = new RecordingPublisher();

    private TimeavDevice device(String name, String expression) {
        return new TimeavDevice(name, expression, source, publisher, events, Fakes.DIRECT);
    }

    @Test
    void fixedPeriodMeanOfTheLatestValueAtEachSample() {
        device("AV:BLOW", "M:BLOW | p,100,false | p,1000,false");
        assertThat(text(publisher, "AV:BLOW:Status")).isEqualTo("waiting for samples");
        source.update("M:BLOW", 0, new PvValue.DoubleValue(2));
        events.tick(100);
        events.tick(100);
        source.update("M:BLOW", 0, new PvValue.LongValue(5));
        events.tick(100);
        assertThat(text(publisher, "AV:BLOW:Status")).isEqualTo("running: 3 samples for the next compute");
        assertThat(publisher.served).doesNotContainKey("AV:BLOW");
        events.tick(1000);
        assertThat(number(publisher, "AV:BLOW")).isEqualTo(3.0);     // (2 + 2 + 5) / 3
        assertThat(publisher.lastPost("AV:BLOW").stampNanos()).as("stamped at the compute").isEqualTo(events.now);
        assertThat(publisher.last.get("AV:BLOW").severity()).isEqualTo(AlarmSeverity.NO_ALARM);
    }

    @Test
    void resetRestartsWithTheLatestExpression() {
        TimeavDevice d = device("AV:X", "X | p,100 | null | 2 | sum");
        assertThat(text(publisher, "AV:X:Status")).as("the immediate sample found no value yet")
                .isEqualTo("no value from the device yet");
        source.update("X", 0, new PvValue.DoubleValue(1));
        events.tick(100);
        events.tick(100);
        assertThat(number(publisher, "AV:X")).isEqualTo(2.0);
        d.update("X | p,100 | null | 3 | sum");
        assertThat(source.subscribers("X")).as("the old subscription is closed").isEqualTo(1);
        assertThat(text(publisher, "AV:X:Status")).isEqualTo("no value from the device yet");
        source.update("X", 0, new PvValue.DoubleValue(4));
        events.tick(100);
        assertThat(text(publisher, "AV:X:Status")).isEqualTo("waiting for 2 more samples");
        write(publisher, "AV:X:Reset", new PvValue.LongValue(1));   // a CA put on :Reset
        assertThat(text(publisher, "AV:X:Status")).isEqualTo("no value from the device yet");
        source.update("X", 0, new PvValue.DoubleValue(4));
        events.tick(100);
        events.tick(100);
        assertThat(text(publisher, "AV:X:Status")).isEqualTo("waiting for 1 more sample");
        events.tick(100);
        assertThat(number(publisher, "AV:X")).isEqualTo(12.0);
    }

    @Test
    void aBadExpressionStopsOnlyThatDevice() {
        TimeavDevice bad = device("AV:BAD", "M:BLOW | p,2000 | p,1000 | 0 | avg");
        device("AV:GOOD", "M:BLOW | p,100 | null | 1");
        assertThat(bad.statusText()).isEqualTo("DAE_INVALID_SETTING: calcDirection at position 32: 'avg' is not null, "
                + "diff, sum, sd, life or nlife");
        assertThat(text(publisher, "AV:BAD:Status")).hasSize(39).startsWith("DAE_INVALID_SETTING: calcDirection");
        assertThat(publisher.last.get("AV:BAD:Status").severity()).isEqualTo(AlarmSeverity.INVALID);
        source.update("M:BLOW", 0, new PvValue.DoubleValue(7));
        events.tick(100);
        assertThat(number(publisher, "AV:GOOD")).isEqualTo(7.0);
        assertThat(publisher.served).doesNotContainKey("AV:BAD");
        bad.update("M:BLOW | p,100 | null | 1");
        source.update("M:BLOW", 0, new PvValue.DoubleValue(7));
        events.tick(100);
        assertThat(number(publisher, "AV:BAD")).isEqualTo(7.0);
    }

    @Test
    void clockEventsAndAnEventTheSystemCannotDeliver() {
        device("AV:TOR", "M:TOR109 | e,81,s,0 | e,10,s,0 | 0 | sum");
        source.update("M:TOR109", 0, new PvValue.DoubleValue(1.5));
        events.event(0x81);
        events.event(0x81);
        events.event(0x10);
        assertThat(number(publisher, "AV:TOR")).isEqualTo(3.0);
        TimeavDevice zero = device("AV:ZERO", "M:TOR109 | e,81,s,10 | e,00,s,0 | 0 | sum |");
        assertThat(zero.statusText()).isEqualTo("DAE_INVALID_SETTING: computeEvent at position 24: clock event 0 never "
                + "occurs (event 0 is the current time); use 0x01-0xFF");
        assertThat(source.subscribers("M:TOR109")).as("the refused device keeps no subscription").isEqualTo(1);
    }

    @Test
    void qSamplesOnlyWhenTheValueChanged() {
        device("AV:Q", "X | q,100,false | p,1000,false | 0 | sum");
        source.update("X", 0, new PvValue.DoubleValue(1));    // the value the channel has when it connects: no change
        events.tick(100);
        source.update("X", 0, new PvValue.DoubleValue(2));
        events.tick(100);
        events.tick(100);     // no new update: no sample
        source.update("X", 0, new PvValue.DoubleValue(2));
        events.tick(100);
        events.tick(1000);
        assertThat(number(publisher, "AV:Q")).isEqualTo(4.0);
    }

    @Test
    void arrayDevicesGiveArrayOutputs() {
        device("AV:ARR", "ARR | p,100 | null | 2 | life");
        source.update("ARR", 0, new PvValue.DoubleArrayValue(new double[] {100, 100}));
        events.tick(100);
        source.update("ARR", 0, new PvValue.DoubleArrayValue(new double[] {100 * Math.exp(-0.1 / 5), 100 * Math.exp(-0.1 / 50)}));
        events.tick(100);
        assertThat(publisher.served.get("AV:ARR").spec().type()).isEqualTo(PvType.DOUBLE_ARRAY);
        double[] tau = ((PvValue.DoubleArrayValue) publisher.last.get("AV:ARR").value()).values();
        assertThat(tau[0]).isCloseTo(5, org.assertj.core.api.Assertions.within(5e-9));
        assertThat(tau[1]).isCloseTo(50, org.assertj.core.api.Assertions.within(50e-9));
    }
}
