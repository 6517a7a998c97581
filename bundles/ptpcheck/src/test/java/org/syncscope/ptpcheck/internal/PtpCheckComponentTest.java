package org.syncscope.ptpcheck.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.syncscope.api.camera.Camera;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.camera.CameraInfo;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PvValue;
import org.syncscope.camera.sim.testing.SimCameras;
import org.syncscope.testing.Configs;
import org.syncscope.testing.RecordingPublisher;

/** The PTP check's DS lifecycle, built directly, over the real simulated cameras. */
class PtpCheckComponentTest {

    private static final String FILE = "org.syncscope.ptpcheck.cfg";
    private static final List<String> SIM = List.of("05520129", "05520125", "05520128", "05520126");

    private final RecordingPublisher pvs = new RecordingPublisher();
    private final CameraDriver sim = SimCameras.driver(Map.of("convergenceSeconds", 0.0), System::nanoTime);
    private PtpCheckComponent component;

    @AfterEach
    void stop() {
        if (component != null) {
            component.deactivate();
        }
    }

    private static Map<String, Object> props(Object... keysAndValues) {
        return Configs.fromFile(FILE, keysAndValues);
    }

    private PtpCheckComponent activate(Map<String, Object> p) {
        component = new PtpCheckComponent(Configs.of(PtpCheckConfig.class, p), p);
        component.bindPublisher(pvs);
        return component;
    }

    private void modify(Map<String, Object> p) {
        component.modified(Configs.of(PtpCheckConfig.class, p), p);
    }

    private String verdict(String prefix) {
        RecordingPublisher.Post p = pvs.last.get(prefix + "Verdict");
        return p == null ? null : ((PvValue.EnumValue) p.value()).label();
    }

    private void awaitCameraPvs(String prefix) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(pvs.served).containsKeys(prefix + "Verdict", prefix + SIM.get(0) + ":Delta");
            assertThat(verdict(prefix)).isIn("OK", "NOT_CONVERGED", "OVER_THRESHOLD");
        });
    }

    @Test
    void activateMonitorsTheBoundDriverAndDeactivateWithdrawsThePvs() {
        activate(props("monitorPeriodSeconds", "1"));
        component.bindCamera(sim);
        awaitCameraPvs("PTP:CHECK:");
        assertThat(pvs.served.keySet()).hasSize(3 + 2 * SIM.size());
        component.deactivate();
        component = null;
        assertThat(pvs.served).isEmpty();
    }

    @Test
    void modifiedAppliesNewSettingsLive() {
        activate(props("monitorPeriodSeconds", "1"));
        component.bindCamera(sim);
        awaitCameraPvs("PTP:CHECK:");
        modify(props("monitorPeriodSeconds", "1", "pvPrefix", "LAB:PTP:", "serials", "05520125,05520126"));
        assertThat(component.settings().serials()).containsExactly("05520125", "05520126");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(pvs.served.keySet())
                .containsExactlyInAnyOrder("LAB:PTP:Verdict", "LAB:PTP:MaxAbsDelta", "LAB:PTP:HostRole",
                        "LAB:PTP:05520125:Status", "LAB:PTP:05520125:Delta", "LAB:PTP:05520126:Status",
                        "LAB:PTP:05520126:Delta"));
        modify(props("monitorPeriodSeconds", "0"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(pvs.served).isEmpty());
    }

    @Test
    void aNonNumericValueAtActivationIsRefusedWithFileKeyAndValue() {
        activate(props("monitorPeriodSeconds", "abc"));
        assertThat(component.settings()).isNull();
        assertThat(component.refusal()).isEqualTo("etc/" + FILE + ": monitorPeriodSeconds = 'abc' is not a whole number");
        component.bindCamera(sim);
        assertThat(pvs.served).isEmpty();
        modify(props("monitorPeriodSeconds", "1"));
        assertThat(component.refusal()).isEmpty();
        awaitCameraPvs("PTP:CHECK:");
    }

    @Test
    void aBadEditKeepsThePreviousSettingsAndSaysSo() {
        activate(props("thresholdNs", "5000"));
        modify(props("thresholdNs", "5 us"));
        assertThat(component.settings().thresholdNs()).isEqualTo(5000);
        assertThat(component.refusal()).isEqualTo("change refused, previous settings stay: etc/" + FILE
                + ": thresholdNs = '5 us' is not a whole number");
        modify(props("thresholdNs", "-1"));
        assertThat(component.refusal()).endsWith("thresholdNs -1 is negative");
        assertThat(component.settings().thresholdNs()).isEqualTo(5000);
    }

    /** Issue 17: the PVs went away when camera.target matched nothing; they stay, INVALID. */
    @Test
    void whenNoDriverMatchesThePvsStayInvalid() {
        activate(props("monitorPeriodSeconds", "1"));
        component.bindCamera(sim);
        awaitCameraPvs("PTP:CHECK:");
        // camera.target edited to match nothing: SCR calls modified and unbinds the driver
        modify(props("monitorPeriodSeconds", "1", "camera.target", "(driver=none)"));
        component.unbindCamera(sim);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(verdict("PTP:CHECK:")).isEqualTo("NO_DRIVER"));
        assertThat(pvs.served.keySet()).hasSize(3 + 2 * SIM.size());
        assertThat(pvs.last.get("PTP:CHECK:Verdict").severity()).isEqualTo(AlarmSeverity.INVALID);
        assertThat(pvs.last.get("PTP:CHECK:Verdict").status()).isEqualTo(AlarmStatus.LINK);
        assertThat(pvs.last.get("PTP:CHECK:" + SIM.get(0) + ":Delta").severity()).isEqualTo(AlarmSeverity.INVALID);
        assertThat(pvs.last.get("PTP:CHECK:MaxAbsDelta").severity()).isEqualTo(AlarmSeverity.INVALID);
        assertThat(component.noDriver()).contains("camera.target=(driver=none)");
    }

    @Test
    void startedWithNoMatchingDriverThePvsExistInvalid() {
        activate(props("monitorPeriodSeconds", "1", "camera.target", "(driver=none)"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(verdict("PTP:CHECK:")).isEqualTo("NO_DRIVER"));
        assertThat(pvs.last.get("PTP:CHECK:Verdict").severity()).isEqualTo(AlarmSeverity.INVALID);
        assertThat(pvs.last.get("PTP:CHECK:MaxAbsDelta").severity()).isEqualTo(AlarmSeverity.INVALID);
    }

    /** A cycle stuck in a driver that ignores interrupts holds deactivation only a bounded time. */
    @Test
    void deactivateDoesNotWaitLongForAStuckCycle() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CameraDriver stuck = new CameraDriver() {
            @Override
            public String name() {
                return "stuck";
            }

            @Override
            public List<CameraInfo> enumerate() {
                entered.countDown();
                while (release.getCount() > 0) {
                    try {
                        release.await();
                    } catch (InterruptedException ignored) {
                        // a native call would not notice either
                    }
                }
                return List.of();
            }

            @Override
            public Camera open(String serial) {
                throw new UnsupportedOperationException();
            }
        };
        try {
            activate(props("monitorPeriodSeconds", "1"));
            component.bindCamera(stuck);
            assertThat(entered.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> component.deactivate());
            assertThat(pvs.served).isEmpty();
            assertThat(component.monitorEnded()).as("the cycle is still stuck").isFalse();
            int published = pvs.publishCalls.get();
            // the driver comes back: the cycle it held goes on (no camera found) and must not publish again
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(component::monitorEnded);
            assertThat(pvs.served).as("PVs published after deactivation").isEmpty();
            assertThat(pvs.publishCalls.get()).isEqualTo(published);
            component = null;
        } finally {
            release.countDown();
        }
    }
}
