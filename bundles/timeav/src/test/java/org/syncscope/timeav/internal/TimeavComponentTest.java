package org.syncscope.timeav.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.PvException;
import org.syncscope.api.pv.PvListener;
import org.syncscope.api.pv.PvSource;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.Subscription;
import org.syncscope.testing.Configs;
import org.syncscope.testing.MemorySource;
import org.syncscope.testing.RecordingPublisher;

/** The DS life of one device configuration: activate, modified (edit, rebuild, refusal), deactivate. */
class TimeavComponentTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final TimeavControl control = TimeavTesting.control();
    private TimeavComponent component;

    private TimeavComponent activate(Map<String, Object> properties) {
        component = new TimeavComponent(control, Configs.of(TimeavConfig.class, properties), properties);
        component.bindPublisher(publisher);
        return component;
    }

    private void modified(Map<String, Object> properties) {
        component.modified(Configs.of(TimeavConfig.class, properties), properties);
    }

    @AfterEach
    void deactivate() {
        if (component != null) {
            component.deactivate();
        }
    }

    @Test
    void activateRunsTheDeviceAndAnExpressionEditRestartsIt() {
        activate(Configs.fromFile("org.syncscope.timeav-a.cfg", "name", "AV:A", "expression", "X | p,100 | null | 1"));
        assertThat(component.state()).isEqualTo("running");
        assertThat(component.origin()).isEqualTo("etc/org.syncscope.timeav-a.cfg");
        TimeavDevice device = component.device().orElseThrow();
        await().atMost(LIMIT).until(() -> "no value from the device yet".equals(device.statusText()));
        assertThat(publisher.served).containsKeys("AV:A:Status", "AV:A:Reset");

        modified(Configs.fromFile("org.syncscope.timeav-a.cfg", "name", "AV:A", "expression", "X | p,100 | null | 1 | median"));
        assertThat(component.device()).as("same name: the same device, restarted").containsSame(device);
        await().atMost(LIMIT).until(() -> device.statusText().startsWith("DAE_INVALID_SETTING: calcDirection"));
        assertThat(component.state()).as("a bad expression is the device's invalid setting, not a refusal")
                .isEqualTo("running");
    }

    @Test
    void aNewNameRebuildsTheDeviceUnderIt() {
        activate(Configs.fromFile("org.syncscope.timeav-a.cfg", "name", "AV:A", "expression", "X | p,100 | null | 1"));
        TimeavDevice first = component.device().orElseThrow();
        modified(Configs.fromFile("org.syncscope.timeav-a.cfg", "name", "AV:B", "expression", "X | p,100 | null | 1"));
        TimeavDevice second = component.device().orElseThrow();
        assertThat(second).isNotSameAs(first);
        assertThat(second.name()).isEqualTo("AV:B");
        await().atMost(LIMIT).until(() -> !publisher.served.containsKey("AV:A:Status"));
        assertThat(publisher.served).containsKeys("AV:B:Status", "AV:B:Reset").doesNotContainKey("AV:A:Reset");
        assertThat(component.state()).isEqualTo("running");
    }

    @Test
    void aConfigurationWithoutNameIsRefusedNamingTheFileAndAddingOneStartsIt() {
        activate(Configs.fromFile("org.syncscope.timeav-noname.cfg", "expression", "X | p,100 | null | 1"));
        assertThat(component.device()).isEmpty();
        assertThat(component.state()).isEqualTo("refused: etc/org.syncscope.timeav-noname.cfg: no name: add name = "
                + "<the output PV>");
        modified(Configs.fromFile("org.syncscope.timeav-noname.cfg", "name", "AV:N", "expression", "X | p,100 | null | 1"));
        assertThat(component.device().map(TimeavDevice::name)).contains("AV:N");
        assertThat(component.state()).isEqualTo("running");
    }

    @Test
    void aBadEditKeepsThePreviousSettingsAndSaysWhy() {
        activate(Configs.fromFile("org.syncscope.timeav-a.cfg", "name", "AV:A", "expression", "X | p,100 | null | 1"));
        TimeavDevice device = component.device().orElseThrow();
        modified(Configs.fromFile("org.syncscope.timeav-a.cfg", "name", "AV A", "expression", "X | p,100 | null | 2"));
        assertThat(component.device()).containsSame(device);
        assertThat(device.expression()).as("the edit is not half applied").isEqualTo("X | p,100 | null | 1");
        assertThat(component.state()).isEqualTo("running; change refused, previous settings stay: "
                + "etc/org.syncscope.timeav-a.cfg: name = 'AV A' is not a PV name (letters, digits, _ - : . [ ] < > ; { } $)");
        modified(Configs.fromFile("org.syncscope.timeav-a.cfg", "expression", "X | p,100 | null | 2"));
        assertThat(component.state()).endsWith("etc/org.syncscope.timeav-a.cfg: no name: add name = <the output PV>");
        modified(Configs.fromFile("org.syncscope.timeav-a.cfg", "name", "AV:A", "expression", "X | p,100 | null | 2"));
        assertThat(component.state()).isEqualTo("running");
        assertThat(device.expression()).isEqualTo("X | p,100 | null | 2");
    }

    @Test
    void aNameAnotherDeviceHoldsIsRefused() {
        RecordingPublisher shared = new RecordingPublisher();   // refuses a name served already, as the CA server does
        Map<String, Object> a = Configs.fromFile("org.syncscope.timeav-a.cfg", "name", "AV:A", "expression", "X | p,100 | null | 1");
        TimeavComponent first = new TimeavComponent(control, Configs.of(TimeavConfig.class, a), a);
        first.bindPublisher(shared);
        try {
            Map<String, Object> b = Configs.fromFile("org.syncscope.timeav-b.cfg", "name", "AV:B", "expression", "X | p,100 | null | 1");
            component = new TimeavComponent(control, Configs.of(TimeavConfig.class, b), b);
            component.bindPublisher(shared);
            modified(Configs.fromFile("org.syncscope.timeav-b.cfg", "name", "AV:A", "expression", "X | p,100 | null | 1"));
            assertThat(component.device().map(TimeavDevice::name)).contains("AV:B");
            assertThat(component.state()).isEqualTo("running; change refused, previous settings stay: "
                    + "etc/org.syncscope.timeav-b.cfg: name = 'AV:A': PV AV:A:Status is already published");
        } finally {
            first.deactivate();
        }
    }

    @Test
    void deactivateReturnsWithoutWaitingForTheDevicesThread() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean subscribeEnded = new AtomicBoolean();
        MemorySource memory = new MemorySource();
        PvSource hanging = new PvSource() {
            @Override
            public PvUpdate get(String pvName, Duration timeout) throws PvException {
                return memory.get(pvName, timeout);
            }

            @Override
            public Subscription subscribe(String pvName, PvListener listener) {
                if (Thread.currentThread().getName().startsWith("timeav")) {
                    entered.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    subscribeEnded.set(true);
                }
                return memory.subscribe(pvName, listener);
            }
        };
        try {
            activate(Configs.fromFile("org.syncscope.timeav-h.cfg", "name", "AV:H", "expression", "X | p,100 | null | 1"));
            component.bindSource(hanging);
            modified(Configs.fromFile("org.syncscope.timeav-h.cfg", "name", "AV:H", "expression", "X | p,100 | null | 2"));
            assertThat(entered.await(10, TimeUnit.SECONDS)).as("the device's thread is inside subscribe").isTrue();
            component.deactivate();
            component = null;
            assertThat(subscribeEnded).as("deactivate returned while the device's thread was still busy").isFalse();
        } finally {
            release.countDown();
        }
    }
}
