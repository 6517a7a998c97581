package org.syncscope.timeav.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.syncscope.testing.MemorySource;
import org.syncscope.testing.RecordingPublisher;

/** timeav:check says exactly what a device started on the same expression says: one validation for both. */
class CheckVerdictTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "X | e,0 | null | 1",
        "X | e,00,s,0 | null | 1",
        "M:TOR109 | e,81,s,10 | e,00,s,0 | 0 | sum |",
        "X | e,1FF | null | 1",
        "X | p,100 | p,1000 | 0 | median",
        "X | p,100 | null | 0",
        "X | e,81,s,10 | e,10 | 0 | sum",
        "X | p,100 | null | 3 | life",
    })
    void checkAndDeviceAgree(String expression) {
        Fakes.ManualEvents events = new Fakes.ManualEvents();   // refuses event 0 as the timestamp driver does
        TimeavDevice device = new TimeavDevice("AV:CHECK", expression, new MemorySource(), new RecordingPublisher(), events,
                Fakes.DIRECT);
        String verdict = TimeavExpression.check(expression);
        boolean deviceRefuses = device.statusText().startsWith("DAE_INVALID_SETTING");
        assertThat(verdict.startsWith("DAE_INVALID_SETTING")).as("check refuses: " + verdict + "; device: "
                + device.statusText()).isEqualTo(deviceRefuses);
        if (deviceRefuses) {
            assertThat(verdict).isEqualTo(device.statusText());
        }
    }
}
