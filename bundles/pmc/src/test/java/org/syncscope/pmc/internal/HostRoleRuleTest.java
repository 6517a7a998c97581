package org.syncscope.pmc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncscope.api.ptp.ClockIdentity;
import org.syncscope.api.ptp.HostPtpRole;
import org.syncscope.api.ptp.HostPtpStatus;
import org.syncscope.api.ptp.PortState;
import org.syncscope.api.ptp.PtpManagementException;

/** The role from the ports' states, and readings that contradict themselves (issue 18). */
class HostRoleRuleTest {

    private static final ClockIdentity SELF = new ClockIdentity(0x001b19fffe000001L);
    private static final ClockIdentity GM = new ClockIdentity(0x001b19fffe0000aaL);

    @TempDir
    Path dir;

    private HostPtpStatus read(Ptp4lAnswers answers) throws Exception {
        try (FakePtp4l ptp4l = new FakePtp4l(dir.resolve("ptp4l"), answers::answer);
             NativeManagementClient client = new NativeManagementClient(ptp4l.path(), dir, 0, 5000)) {
            return client.hostStatus();
        }
    }

    /** What real ptp4l 3.1.1 reports in each case (checked by hand and in RealPtp4l tests). */
    @Test
    void stepsRemovedZeroIsNotEnoughForAGrandmaster() throws Exception {
        // link down: FAULTY, stepsRemoved 0, this clock named as grandmaster, gmPresent false
        assertThat(read(Ptp4lAnswers.grandmaster(SELF).with(0, SELF, PortState.FAULTY)).role())
                .isEqualTo(HostPtpRole.FAULTY);
        // just (re)started or link back: LISTENING, stepsRemoved 0
        assertThat(read(Ptp4lAnswers.grandmaster(SELF).with(0, SELF, PortState.LISTENING)).role())
                .isEqualTo(HostPtpRole.LISTENING);
        assertThat(read(Ptp4lAnswers.grandmaster(SELF).with(0, SELF, PortState.PRE_MASTER)).role())
                .isEqualTo(HostPtpRole.PRE_MASTER);
        assertThat(read(Ptp4lAnswers.grandmaster(SELF)).role()).isEqualTo(HostPtpRole.GRANDMASTER);
    }

    @Test
    void aPassivePortWithStepsRemovedIsNotASlave() throws Exception {
        HostPtpStatus passive = read(Ptp4lAnswers.slave(SELF, GM, PortState.PASSIVE));
        assertThat(passive.role()).isEqualTo(HostPtpRole.PASSIVE);
        assertThat(passive.role().synchronised()).isFalse();
        assertThat(passive.role().settling()).isFalse();
        assertThat(read(Ptp4lAnswers.slave(SELF, GM, PortState.UNCALIBRATED)).role())
                .isEqualTo(HostPtpRole.UNCALIBRATED);
        HostPtpStatus slave = read(Ptp4lAnswers.slave(SELF, GM));
        assertThat(slave.role()).isEqualTo(HostPtpRole.SLAVE);
        assertThat(slave.grandmasterIdentity()).isEqualTo(GM);
        assertThat(slave.clockIdentity()).isEqualTo(SELF);
        assertThat(slave.firstPortState()).isEqualTo(PortState.SLAVE);
    }

    /** A boundary clock: the SLAVE port decides, whatever its number. */
    @Test
    void theMostTellingPortDecides() throws Exception {
        assertThat(read(Ptp4lAnswers.slave(SELF, GM, PortState.MASTER, PortState.PASSIVE, PortState.SLAVE)).role())
                .isEqualTo(HostPtpRole.SLAVE);
        assertThat(read(Ptp4lAnswers.grandmaster(SELF).with(0, SELF, PortState.FAULTY, PortState.MASTER)).role())
                .isEqualTo(HostPtpRole.GRANDMASTER);
    }

    @Test
    void contradictionsAreNamed() {
        HostDataSets slaveOfItself = sets(Ptp4lAnswers.slave(SELF, GM).with(1, SELF, PortState.SLAVE));
        assertThat(HostRoleRule.contradiction(slaveOfItself))
                .isEqualTo("port SLAVE but PARENT_DATA_SET names this clock as grandmaster");
        assertThat(HostRoleRule.contradiction(sets(Ptp4lAnswers.slave(SELF, GM).with(0, GM, PortState.SLAVE))))
                .isEqualTo("port SLAVE but stepsRemoved 0");
        assertThat(HostRoleRule.contradiction(sets(Ptp4lAnswers.slave(SELF, GM).with(1, GM, PortState.MASTER))))
                .startsWith("port MASTER but stepsRemoved 1");
        assertThat(HostRoleRule.contradiction(sets(Ptp4lAnswers.slave(SELF, GM)))).isEmpty();
        assertThat(HostRoleRule.contradiction(sets(Ptp4lAnswers.grandmaster(SELF)))).isEmpty();
    }

    /** A reading taken across a state change is read again, within the same timeout. */
    @Test
    void aContradictoryReadingIsReadAgain() throws Exception {
        Ptp4lAnswers mixed = Ptp4lAnswers.slave(SELF, GM).with(1, GM, PortState.MASTER);
        Ptp4lAnswers settled = Ptp4lAnswers.grandmaster(SELF);
        AtomicInteger requests = new AtomicInteger();
        try (FakePtp4l ptp4l = new FakePtp4l(dir.resolve("ptp4l"),
                r -> (requests.getAndIncrement() < 5 ? mixed : settled).answer(r));
             NativeManagementClient client = new NativeManagementClient(ptp4l.path(), dir, 0, 5000)) {
            assertThat(client.hostStatus().role()).isEqualTo(HostPtpRole.GRANDMASTER);
            assertThat(requests).hasValue(10);
            ptp4l.respondWith(mixed::answer);
            assertThatThrownBy(client::hostStatus).isInstanceOf(PtpManagementException.class)
                    .hasMessageStartingWith("ptp4l's data sets contradicted each other in two readings (port MASTER "
                            + "but stepsRemoved 1");
        }
    }

    private HostDataSets sets(Ptp4lAnswers a) {
        try (FakePtp4l ptp4l = new FakePtp4l(dir.resolve("sets"), a::answer);
             NativeManagementClient client = new NativeManagementClient(ptp4l.path(), dir, 0, 5000)) {
            return client.readHostDataSets(System.nanoTime() + 5_000_000_000L);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void portStatePvNumbersAreIeeeCodes() {
        for (PortState s : PortState.values()) {
            assertThat(HostStatusPvs.PORT_STATES.indexOf(s.name())).as(s.name()).isEqualTo(s.code());
        }
        assertThat(HostStatusPvs.PORT_STATES.get(0)).isEqualTo("UNKNOWN");
        assertThat(HostStatusPvs.ROLES).endsWith("UNKNOWN").startsWith("GRANDMASTER", "SLAVE");
        assertThat(List.of(HostPtpRole.values())).filteredOn(HostPtpRole::synchronised)
                .containsExactly(HostPtpRole.GRANDMASTER, HostPtpRole.SLAVE);
    }
}
