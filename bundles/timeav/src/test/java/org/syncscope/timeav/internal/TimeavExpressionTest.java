package org.syncscope.timeav.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeavExpressionTest {

    @Test
    void theManualsExamples() throws Exception {
        TimeavExpression blow = TimeavExpression.parse("M:BLOW | p,2000,true | p,10000,true | 0 | diff");
        assertThat(blow).isEqualTo(new TimeavExpression("M:BLOW", new EventSpec.Periodic(2_000_000_000L, true, false),
                Optional.of(new EventSpec.Periodic(10_000_000_000L, true, false)), 0, CalcDirection.DIFF));
        // the manual computes on e,00; the timestamp driver's event 0 never occurs (see badInputs…)
        TimeavExpression tor = TimeavExpression.parse("M:TOR109 | e,81,s,10 | e,02,s,0 | 0 | sum |");
        assertThat(tor.sample()).isEqualTo(new EventSpec.Clock(0x81, 'S', 10_000_000L));
        assertThat(tor.compute()).contains(new EventSpec.Clock(2, 'S', 0));
        assertThat(tor.direction()).isEqualTo(CalcDirection.SUM);
        TimeavExpression three = TimeavExpression.parse("M:BLOW | p,2000,true | p,10000,true");
        assertThat(three.maxPoints()).isZero();
        assertThat(three.direction()).isEqualTo(CalcDirection.MEAN);
        // the original refused this one; we accept it
        assertThat(TimeavExpression.parse("M:BLOW | p,2000,true | p,10000,true |")).isEqualTo(three);
    }

    @Test
    void fieldsAndTheirEdges() throws Exception {
        TimeavExpression running = TimeavExpression.parse("  DEMO:PV1|p,100|null|10|null  ");
        assertThat(running.compute()).isEmpty();
        assertThat(running.maxPoints()).isEqualTo(10);
        assertThat(running.direction()).isEqualTo(CalcDirection.MEAN);
        assertThat(TimeavExpression.parse("X | P,1S | n | 5 | SD").sample()).isEqualTo(new EventSpec.Periodic(1_000_000_000L, true, false));
        assertThat(TimeavExpression.parse("X | p,2H,FALSE | i").sample()).isEqualTo(new EventSpec.Periodic(500_000_000L, false, false));
        assertThat(TimeavExpression.parse("X | p,4K | i").sample()).isEqualTo(new EventSpec.Periodic(250_000L, true, false));
        assertThat(TimeavExpression.parse("X | p,250U | i").sample()).isEqualTo(new EventSpec.Periodic(250_000L, true, false));
        assertThat(TimeavExpression.parse("X | q,100 | p,1000").sample()).isEqualTo(new EventSpec.Periodic(100_000_000L, true, true));
        assertThat(TimeavExpression.parse("X | e,FF | i").sample()).isEqualTo(new EventSpec.Clock(255, 'E', 0));
        assertThat(TimeavExpression.parse("X | e,10,h,5S | i").sample()).isEqualTo(new EventSpec.Clock(16, 'H', 5_000_000_000L));
        assertThat(TimeavExpression.parse("X | p,100 | p,1000 | 5 | nlife |").maxPoints()).isEqualTo(5);
        assertThat(TimeavExpression.parse("X | p,100 | p,1000 | | sum |").maxPoints()).isZero();
        assertThat(TimeavExpression.parse("X | p,100 | p,1000 |  | ").direction()).isEqualTo(CalcDirection.MEAN);
        assertThat(TimeavExpression.parse("X | p,100 | null | 10 | life").direction()).isEqualTo(CalcDirection.LIFE);
        assertThat(new EventSpec.Clock(0x81, 'S', 10_000_000L).canonical()).isEqualTo("E,81,S,10");
        assertThat(new EventSpec.Periodic(2_000_000_000L, true, false).canonical()).isEqualTo("P,2000,TRUE");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '#', value = {
        "''#deviceName at position 1: the expression is empty",
        "M:BLOW | p,2000#computeEvent at position 16: missing: at least deviceName | sampleEvent | computeEvent",
        "M:BLOW | p,2000 | p,1000 | 0 | diff | x#expression at position 39: more than five fields",
        "' | p,2000 | p,1000'#deviceName at position 2: empty",
        "M BLOW | p,2000 | p,1000#deviceName at position 1: 'M BLOW' is not a PV name (letters, digits, _ - : . [ ] < > ; { } $)",
        "M:BLOW | null | p,1000#sampleEvent at position 10: null: there must be a sample event",
        "M:BLOW | x,2000 | p,1000#sampleEvent at position 10: 'x' is not an event kind (p, q, e, i, n)",
        "M:BLOW | p | p,1000#sampleEvent at position 10: expected p,<period>[,<immediate>]",
        "M:BLOW | p,0 | p,1000#sampleEvent at position 10: period 0 must be above 0",
        "M:BLOW | p,2s5 | p,1000#sampleEvent at position 10: period '2s5' is not an integer with an optional unit S, M, U, H or K",
        "M:BLOW | p,3000000000 | p,1000#sampleEvent at position 10: period 3000000000 is outside 0..2147483647",
        "M:BLOW | p,100,yes | p,1000#sampleEvent at position 10: immediate 'yes' is neither true nor false",
        "M:BLOW | p,0H | p,1000#sampleEvent at position 10: period of 0 Hz is no period",
        "M:BLOW | e,G1 | p,1000#sampleEvent at position 10: clock event 'G1' is not hexadecimal",
        "M:BLOW | e,0 | p,1000#sampleEvent at position 10: clock event 0 never occurs (event 0 is the current time); use 0x01-0xFF",
        "M:TOR109 | e,81,s,10 | e,00,s,0 | 0 | sum |#computeEvent at position 24: clock event 0 never occurs (event 0 is the current time); use 0x01-0xFF",
        "M:BLOW | e,1FF | p,1000#sampleEvent at position 10: clock event 0x1FF cannot come from the event system (events 0x01-0xFF)",
        "M:BLOW | e,10000 | p,1000#sampleEvent at position 10: clock event 10000 is above 0xFFFF",
        "M:BLOW | e,81,x | p,1000#sampleEvent at position 10: clock event source 'x' is not h, s or e",
        "M:BLOW | s,M:STATE,1,0,= | p,1000#sampleEvent at position 10: state events (s,...) need ACNET state devices, which EPICS PVs are not; use p or e",
        "M:BLOW | u | p,1000#sampleEvent at position 10: the device default event (u) does not exist for EPICS PVs; use p or e",
        "M:BLOW | p,100 | q,1000#computeEvent at position 18: q (only when the value changed) applies to sampling, not to computing",
        "M:BLOW | p,100 | p,1000 | ten#maxPoints at position 27: 'ten' is not an integer",
        "M:BLOW | p,100 | p,1000 | -1#maxPoints at position 27: -1 is outside 0..1000000",
        "M:BLOW | p,100 | p,1000 | 0 | avg#calcDirection at position 31: 'avg' is not null, diff, sum, sd, life or nlife",
        "M:BLOW | p,100 | null | 0#maxPoints at position 25: without a computeEvent a running average needs maxPoints > 0",
        "M:BLOW | p,100 | null#maxPoints at position 22: without a computeEvent a running average needs maxPoints > 0",
        "M:BLOW | p,100 | p,1000 | 0 | life#maxPoints at position 27: life needs maxPoints > 0: the window T is maxPoints sample intervals",
    })
    void badInputsNameFieldPositionAndReason(String expression, String message) {
        assertThatThrownBy(() -> TimeavExpression.parse(expression)).isInstanceOf(InvalidSettingException.class)
                .hasMessage("DAE_INVALID_SETTING: " + message);
    }

    @Test
    void explainSaysWhatItWillDo() throws Exception {
        assertThat(TimeavExpression.parse("M:BLOW | p,2000,true | p,10000,true | 0 | diff").explain())
                .isEqualTo("device M:BLOW, sampled on P,2000,TRUE; at each P,10000,TRUE outputs the mean minus the previous "
                        + "mean of every sample since the previous compute");
        assertThat(TimeavExpression.parse("X | p,100 | null | 10").explain())
                .contains("after each sample once 10 are in, outputs the mean of the newest 10 (running boxcar)");
    }
}
