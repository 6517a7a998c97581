package org.syncscope.timeav.internal;

import static org.syncscope.timeav.internal.TimeavTesting.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.PvValue;
import org.syncscope.testing.Configs;
import org.syncscope.timeav.DeviceState;
import org.syncscope.testing.RecordingPublisher;

/** The control's DS life: the reset-all PV published, rebuilt under a new name, kept on a bad edit, withdrawn. */
class TimeavControlTest {

    private final RecordingPublisher publisher = new RecordingPublisher();

    private static final String FILE = "org.syncscope.timeav.control.cfg";

    private TimeavControl activate(Map<String, Object> properties) {
        TimeavControl control = new TimeavControl(Configs.of(TimeavControlConfig.class, properties), properties);
        control.bindPublisher(publisher);
        return control;
    }

    private static void modified(TimeavControl control, Map<String, Object> properties) {
        control.modified(Configs.of(TimeavControlConfig.class, properties), properties);
    }

    @Test
    void activatePublishesTheDefaultResetAllPvAndDeactivateWithdrawsIt() {
        TimeavControl control = activate(Configs.fromFile(FILE));
        assertThat(publisher.served).containsKey("TIMEAV:ResetAll");
        assertThat(control.resetAllPv()).isEqualTo("TIMEAV:ResetAll");
        assertThat(control.refusal()).isNull();
        control.deactivate();
        assertThat(publisher.served).doesNotContainKey("TIMEAV:ResetAll");
    }

    @Test
    void aNewResetAllPvReplacesTheOldOneAndResetsEveryDevice() {
        TimeavControl control = activate(Configs.fromFile(FILE));
        Map<String, Object> props = Configs.fromFile("org.syncscope.timeav-a.cfg", "name", "AV:A", "expression", "X | p,100 | null | 1");
        TimeavComponent device = new TimeavComponent(control, Configs.of(TimeavConfig.class, props), props);
        try {
            modified(control, Configs.fromFile(FILE, "resetAllPv", "SITE:TIMEAV:RST"));
            assertThat(publisher.served).containsKey("SITE:TIMEAV:RST").doesNotContainKey("TIMEAV:ResetAll");
            assertThat(control.devices()).extracting(TimeavDevice::name).containsExactly("AV:A");
            write(publisher, "SITE:TIMEAV:RST", new PvValue.LongValue(1));     // reaches every device's thread
            modified(control, Configs.fromFile(FILE, "resetAllPv", ""));
            assertThat(publisher.served).doesNotContainKey("SITE:TIMEAV:RST");
            assertThat(control.resetAllPv()).isEmpty();
        } finally {
            device.deactivate();
        }
    }

    @Test
    void aBadResetAllPvIsRefusedAndThePreviousStays() {
        TimeavControl control = activate(Configs.fromFile(FILE));
        modified(control, Configs.fromFile(FILE, "resetAllPv", "TIMEAV RESET"));
        assertThat(publisher.served).containsKey("TIMEAV:ResetAll");
        assertThat(control.refusal()).isEqualTo("change refused, previous settings stay: etc/" + FILE
                + ": resetAllPv = 'TIMEAV RESET' is not a PV name (letters, digits, _ - : . [ ] < > ; { } $)");
        modified(control, Configs.fromFile(FILE));
        assertThat(control.refusal()).isNull();
    }

    @Test
    void refusedConfigurationsAreListedBesideRunningOnes() {
        TimeavControl control = activate(Configs.fromFile(FILE));
        Map<String, Object> good = Configs.fromFile("org.syncscope.timeav-a.cfg", "name", "AV:A", "expression", "X | p,100 | null | 1");
        Map<String, Object> bad = Configs.fromFile("org.syncscope.timeav-x.cfg", "expression", "X | p,100 | null | 1");
        TimeavComponent a = new TimeavComponent(control, Configs.of(TimeavConfig.class, good), good);
        TimeavComponent x = new TimeavComponent(control, Configs.of(TimeavConfig.class, bad), bad);
        try {
            assertThat(control.components()).containsExactly(a, x);
            assertThat(control.devices()).extracting(TimeavDevice::name).containsExactly("AV:A");
            assertThat(control.configurations()).extracting(DeviceState::name, DeviceState::origin)
                    .containsExactly(tuple("AV:A", "etc/org.syncscope.timeav-a.cfg"),
                            tuple("", "etc/org.syncscope.timeav-x.cfg"));
            x.deactivate();
            assertThat(control.components()).containsExactly(a);
        } finally {
            a.deactivate();
            x.deactivate();
        }
    }
}
