package org.syncscope.pmc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncscope.api.ptp.CurrentDataSet;
import org.syncscope.api.ptp.DefaultDataSet;
import org.syncscope.api.ptp.HostPtpRole;
import org.syncscope.api.ptp.HostPtpStatus;
import org.syncscope.api.ptp.PortDataSet;
import org.syncscope.api.ptp.PortState;
import org.syncscope.api.ptp.PtpManagementException;
import org.syncscope.api.ptp.TimeStatusNp;

/** Both modes against two real ptp4l clocks (Debian linuxptp) in network namespaces. */
class RealPtp4lTest extends RealPtp4lFixture {

    /** Plausible on a veth pair with software timestamps: offsets and delays far below a millisecond. */
    private static final double PLAUSIBLE_NS = 1_000_000;

    private static NativeManagementClient nativeClient(Path socket) {
        return new NativeManagementClient(socket, dir, 0, 1000);
    }

    private static CommandManagementClient commandClient(Path socket) {
        return new CommandManagementClient(PmcSettings.DEFAULT_PMC, socket, 0, 3000);
    }

    @Test
    void grandmasterAndSlaveAsTheToolsDecide() throws Exception {
        try (NativeManagementClient gm = nativeClient(pair.grandmasterSocket());
             NativeManagementClient slave = nativeClient(pair.slaveSocket())) {
            DefaultDataSet gmClock = gm.defaultDataSet();
            assertThat(gmClock.priority1()).isEqualTo(127);

            HostPtpStatus gmHost = gm.hostStatus();
            assertThat(gmHost.role()).isEqualTo(HostPtpRole.GRANDMASTER);
            assertThat(gmHost.current().stepsRemoved()).isZero();
            assertThat(gmHost.grandmasterIdentity()).isEqualTo(gmClock.clockIdentity());
            assertThat(gm.portDataSets()).extracting(PortDataSet::portState).containsExactly(PortState.MASTER);

            HostPtpStatus slaveHost = slave.hostStatus();
            assertThat(slaveHost.role()).isEqualTo(HostPtpRole.SLAVE);
            assertThat(slaveHost.current().stepsRemoved()).isEqualTo(1);
            assertThat(slaveHost.grandmasterIdentity()).isEqualTo(gmClock.clockIdentity());
            assertThat(slaveHost.grandmasterIdentity().toString()).matches("[0-9a-f]{6}\\.[0-9a-f]{4}\\.[0-9a-f]{6}");
            assertThat(slave.parentDataSet().parentPortIdentity().clockIdentity()).isEqualTo(gmClock.clockIdentity());
            assertThat(slave.defaultDataSet().clockIdentity()).isNotEqualTo(gmClock.clockIdentity());
            assertThat(slave.portDataSets()).extracting(PortDataSet::portState).containsExactly(PortState.SLAVE);

            CurrentDataSet c = slaveHost.current();
            assertThat(Math.abs(c.offsetFromMasterNs())).isLessThan(PLAUSIBLE_NS);
            assertThat(c.meanPathDelayNs()).isPositive().isLessThan(PLAUSIBLE_NS);
            TimeStatusNp t = slaveHost.timeStatus().orElseThrow();
            assertThat(t.gmPresent()).isTrue();
            assertThat(Math.abs(t.masterOffsetNs())).isLessThan((long) PLAUSIBLE_NS);
            // free running: ptp4l's clock is the system clock, unadjusted
            assertThat(t.ingressTimeNs()).isCloseTo(System.currentTimeMillis() * 1_000_000L, within(60_000_000_000L));
        }
    }

    /**
     * Field by field. Offsets, delays and ingress times move between two requests, so for those
     * both modes must only be plausible; every other field must be equal.
     */
    @Test
    void nativeAndCommandModesAgree() throws Exception {
        for (Path socket : List.of(pair.grandmasterSocket(), pair.slaveSocket())) {
            try (NativeManagementClient n = nativeClient(socket)) {
                CommandManagementClient c = commandClient(socket);
                assertThat(c.defaultDataSet()).isEqualTo(n.defaultDataSet());
                assertThat(c.parentDataSet()).isEqualTo(n.parentDataSet());
                assertThat(c.grandmasterSettings()).isEqualTo(n.grandmasterSettings());
                assertThat(c.portDataSets()).usingRecursiveFieldByFieldElementComparatorIgnoringFields(
                        "peerMeanPathDelayNs").isEqualTo(n.portDataSets());
                CurrentDataSet nc = n.currentDataSet();
                CurrentDataSet cc = c.currentDataSet();
                assertThat(cc.stepsRemoved()).isEqualTo(nc.stepsRemoved());
                for (CurrentDataSet x : List.of(nc, cc)) {
                    assertThat(Math.abs(x.offsetFromMasterNs())).isLessThan(PLAUSIBLE_NS);
                    assertThat(Math.abs(x.meanPathDelayNs())).isLessThan(PLAUSIBLE_NS);
                }
                TimeStatusNp nt = n.timeStatus();
                TimeStatusNp ct = c.timeStatus();
                assertThat(ct).usingRecursiveComparison().ignoringFields("masterOffsetNs", "ingressTimeNs",
                        "cumulativeScaledRateOffset").isEqualTo(nt);
                assertThat(ct.ingressTimeNs()).isCloseTo(nt.ingressTimeNs(), within(10_000_000_000L));
                HostPtpStatus nh = n.hostStatus();
                HostPtpStatus ch = c.hostStatus();
                assertThat(ch.role()).isEqualTo(nh.role());
                assertThat(ch.grandmasterIdentity()).isEqualTo(nh.grandmasterIdentity());
            }
        }
    }

    @Test
    void ptp4lsOwnErrorStatus() throws Exception {
        try (NativeManagementClient gm = nativeClient(pair.grandmasterSocket())) {
            assertThatThrownBy(() -> gm.get(0x200F)) // TIME: linuxptp does not support it
                    .isInstanceOfSatisfying(PtpManagementException.class,
                            e -> assertThat(e.managementErrorId()).hasValue(0x0006))
                    .hasMessageContaining("MANAGEMENT_ERROR_STATUS NOT_SUPPORTED");
            assertThat(gm.currentDataSet().stepsRemoved()).isZero();
        }
    }

    @Test
    void anotherDomainIsIgnoredByPtp4lAndSaidSo() throws Exception {
        try (NativeManagementClient wrong = new NativeManagementClient(pair.grandmasterSocket(), dir, 7, 300)) {
            assertThatThrownBy(wrong::currentDataSet).hasMessageContaining("within 300 ms")
                    .hasMessageContaining("domainNumber 7");
        }
        CommandManagementClient wrong = new CommandManagementClient(PmcSettings.DEFAULT_PMC, pair.grandmasterSocket(), 7,
                3000);
        assertThatThrownBy(wrong::currentDataSet).hasMessageContaining("no reply from ptp4l at "
                + pair.grandmasterSocket()).hasMessageContaining("domainNumber 7");
    }
}
