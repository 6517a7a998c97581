package org.syncscope.ptpcheck.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.syncscope.api.camera.CameraDriver;
import org.syncscope.api.ptp.HostPtpRole;
import org.syncscope.api.ptp.HostPtpReadings;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PvValue;
import org.syncscope.camera.sim.testing.SimCameras;
import org.syncscope.testing.Configs;
import org.syncscope.testing.RecordingPublisher;

/** One monitor cycle at a time, on the test's thread, over the simulated cameras (one Master, three Slaves). */
class PtpMonitorTest {

    private static final String P = "PTP:CHECK:";

    private final RecordingPublisher pvs = new RecordingPublisher();
    private final CameraDriver sim = SimCameras.driver(Map.of("convergenceSeconds", 0.0, "masters", "05520129"), System::nanoTime);
    private PtpMonitor monitor;

    @AfterEach
    void stop() {
        if (monitor != null) {
            monitor.stop();
        }
    }

    private void cycle(HostPtpReadings host) {
        monitor = new PtpMonitor(() -> sim, () -> host, pvs, () -> "no driver");
        Map<String, Object> p = Configs.fromFile("org.syncscope.ptpcheck.cfg", "monitorPeriodSeconds", "1");
        monitor.settings(SettingsCheck.of(Configs.of(PtpCheckConfig.class, p)));
        monitor.cycle();
    }

    private String label(String name) {
        return ((PvValue.EnumValue) pvs.last.get(P + name).value()).label();
    }

    private int index(String name) {
        return ((PvValue.EnumValue) pvs.last.get(P + name).value()).index();
    }

    private void assertAlarm(String name, AlarmSeverity severity, AlarmStatus status) {
        assertThat(pvs.last.get(P + name).severity()).as(name + " severity").isEqualTo(severity);
        assertThat(pvs.last.get(P + name).status()).as(name + " status").isEqualTo(status);
    }

    @Test
    void hostRoleHasThePmcRoleLabels() {
        cycle(FixedHost.slave());
        assertThat(pvs.served.get(P + "HostRole").spec().enumLabels()).containsExactly("GRANDMASTER", "SLAVE",
                "UNCALIBRATED", "PRE_MASTER", "LISTENING", "INITIALIZING", "PASSIVE", "FAULTY", "DISABLED", "UNKNOWN");
    }

    @Test
    void aSlaveHostWithConvergedCamerasIsOk() {
        cycle(FixedHost.slave());
        assertThat(label("05520129:Status")).isEqualTo("Master");
        assertThat(label("Verdict")).isEqualTo("OK");
        assertAlarm("Verdict", AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        assertThat(label("HostRole")).isEqualTo("SLAVE");
        assertThat(index("HostRole")).isEqualTo(1);
        assertAlarm("HostRole", AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
    }

    /** Issue 18: the cameras alone converge, the host does not take part: NOT_CONVERGED, and the role's alarm as pmc's. */
    @ParameterizedTest
    @EnumSource(value = HostPtpRole.class, names = {"LISTENING", "FAULTY", "PASSIVE", "UNCALIBRATED"})
    void anUnsettledHostIsNeitherGrandmasterNorSlaveOnThePvs(HostPtpRole role) {
        cycle(FixedHost.unsettled(role));
        assertThat(label("05520129:Status")).isEqualTo("Master");
        assertThat(label("05520125:Status")).isEqualTo("Slave");
        assertThat(label("Verdict")).isEqualTo("NOT_CONVERGED");
        assertAlarm("Verdict", AlarmSeverity.MAJOR, AlarmStatus.STATE);
        assertThat(label("HostRole")).isEqualTo(role.name());
        assertThat(index("HostRole")).isEqualTo(role.ordinal());
        assertAlarm("HostRole", role.settling() ? AlarmSeverity.MINOR : AlarmSeverity.MAJOR, AlarmStatus.STATE);
    }

    /** The same severities written out, not derived from HostPtpRole.settling(). */
    @Test
    void listeningAndUncalibratedAreMinorFaultyAndPassiveMajor() {
        Map<HostPtpRole, AlarmSeverity> expected = Map.of(HostPtpRole.LISTENING, AlarmSeverity.MINOR,
                HostPtpRole.UNCALIBRATED, AlarmSeverity.MINOR, HostPtpRole.FAULTY, AlarmSeverity.MAJOR,
                HostPtpRole.PASSIVE, AlarmSeverity.MAJOR);
        expected.forEach((role, severity) -> {
            cycle(FixedHost.unsettled(role));
            assertAlarm("HostRole", severity, AlarmStatus.STATE);
            monitor.stop();
        });
    }

    @Test
    void anUnreadableHostIsLeftOutAndItsRoleIsInvalid() {
        cycle(FixedHost.failing("no ptp4l socket at /var/run/ptp4l"));
        assertThat(label("Verdict")).isEqualTo("OK");
        assertThat(label("HostRole")).isEqualTo("UNKNOWN");
        assertThat(index("HostRole")).isEqualTo(HostPtpRole.values().length);
        assertAlarm("HostRole", AlarmSeverity.INVALID, AlarmStatus.COMM);
    }

    @Test
    void aGrandmasterHostIsNoAlarm() {
        cycle(FixedHost.grandmaster());
        assertThat(label("HostRole")).isEqualTo("GRANDMASTER");
        assertAlarm("HostRole", AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        // the simulated cameras have their own Master: two Masters
        assertThat(label("Verdict")).isEqualTo("NOT_CONVERGED");
    }

    /** A cycle that comes back after stop() (from deactivation) publishes nothing. */
    @Test
    void afterStopACyclePublishesNothing() {
        cycle(FixedHost.slave());
        assertThat(pvs.served).isNotEmpty();
        monitor.stop();
        assertThat(pvs.served).isEmpty();
        monitor.cycle();
        assertThat(pvs.served).isEmpty();
        assertThat(pvs.publishCalls.get()).isEqualTo(3 + 2 * 4);
    }

    @Test
    void closeWithdrawsUntilTheNextCycle() {
        cycle(FixedHost.slave());
        monitor.close();
        assertThat(pvs.served).isEmpty();
        monitor.cycle();
        assertThat(pvs.served.keySet()).hasSize(3 + 2 * 4).contains(P + "Verdict", P + "HostRole");
    }

    /**
     * Issue 20: the monitor does not poll ptp4l; each cycle judges the pmc adapter's first reading
     * newer than the one it judged, and HostRole shows that reading.
     */
    @Test
    void eachCycleJudgesTheNextReadingOfThePmcAdapter() {
        FixedHost host = FixedHost.listening().then(1, FixedHost.slave());
        cycle(host);
        assertThat(label("HostRole")).isEqualTo("LISTENING");
        assertThat(host.latest().sequence()).isEqualTo(1);
        monitor.cycle();
        assertThat(label("HostRole")).isEqualTo("SLAVE");
        assertThat(host.readCount).as("one reading per cycle").isEqualTo(2);
        assertThat(host.latest().sequence()).isEqualTo(2);
    }

    /** A redeployed pmc adapter numbers its readings from 1 again: the monitor does not wait for the old numbers. */
    @Test
    void aNewPmcAdapterIsReadFromItsOwnNumbers() {
        FixedHost first = FixedHost.slave();
        FixedHost second = FixedHost.grandmaster();
        java.util.concurrent.atomic.AtomicReference<HostPtpReadings> bound = new java.util.concurrent.atomic.AtomicReference<>(first);
        monitor = new PtpMonitor(() -> sim, bound::get, pvs, () -> "no driver");
        Map<String, Object> p = Configs.fromFile("org.syncscope.ptpcheck.cfg", "monitorPeriodSeconds", "1");
        monitor.settings(SettingsCheck.of(Configs.of(PtpCheckConfig.class, p)));
        monitor.cycle();
        monitor.cycle();
        monitor.cycle();
        assertThat(first.latest().sequence()).isEqualTo(3);
        bound.set(second);
        monitor.cycle();
        assertThat(label("HostRole")).isEqualTo("GRANDMASTER");
        assertThat(second.readCount).isEqualTo(1);
    }
}
