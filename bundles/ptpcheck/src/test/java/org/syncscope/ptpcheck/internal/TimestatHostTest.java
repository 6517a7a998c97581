package org.syncscope.ptpcheck.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.syncscope.api.ptp.HostPtpRole;
import org.syncscope.ptpcheck.HostView;
import org.syncscope.ptpcheck.command.TimestatPrinter;
import org.syncscope.ptpcheck.command.Labels;

/** ptp:timestat's host decision: only a host whose ports make it the grandmaster passes. */
class TimestatHostTest {

    private static String printed(HostView host) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new TimestatPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, true).host(host);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Issue 18: a faulty or listening port has stepsRemoved 0 too; none of these is the grandmaster. */
    @ParameterizedTest
    @EnumSource(value = HostPtpRole.class, names = {"LISTENING", "FAULTY", "PASSIVE", "UNCALIBRATED"})
    void anUnsettledHostIsRefusedNamingItsRoleAndWhy(HostPtpRole role) {
        HostView host = HostReads.read(FixedHost.unsettled(role));
        assertThat(host.isGrandmaster()).isFalse();
        assertThat(host.notGrandmaster()).hasValueSatisfying(why -> assertThat(why).startsWith(
                "the host is not the PTP grandmaster: role " + role.displayName() + ", " + Labels.EN.roleMeaning(role)
                        + " (Role=" + role.displayName() + ", stepsRemoved="));
        assertThat(printed(host)).startsWith("Ubuntu(host) PTP: role=" + role.displayName() + ", gmClockID=");
    }

    @Test
    void aFaultyHostSaysItsLinkIsDown() {
        assertThat(HostReads.read(FixedHost.faulty()).notGrandmaster()).hasValueSatisfying(why -> assertThat(why)
                .contains("role Faulty, its PTP port is faulty, usually because the link is down"));
    }

    @Test
    void aSlaveHostIsRefusedAndAGrandmasterPasses() {
        assertThat(HostReads.read(FixedHost.slave()).notGrandmaster()).hasValueSatisfying(why -> assertThat(why)
                .startsWith("the host is not the PTP grandmaster: role Slave, it follows another clock")
                .contains("GrandmasterClockID=bcfce7.fffe.244daf"));
        HostView gm = HostReads.read(FixedHost.grandmaster());
        assertThat(gm.notGrandmaster()).isEmpty();
        assertThat(printed(gm)).isEqualTo("Ubuntu(host) PTP: role=Grandmaster, gmClockID=bcfce7.fffe.244daf"
                + System.lineSeparator());
    }

    @Test
    void anUnreadableHostIsRefusedWithTheReason() {
        HostView host = HostReads.read(FixedHost.failing("no ptp4l socket at /var/run/ptp4l"));
        assertThat(host.notGrandmaster()).contains("the host is not the PTP grandmaster: its PTP status cannot be read: "
                + "no ptp4l socket at /var/run/ptp4l");
        assertThat(printed(host)).startsWith("Ubuntu(host) PTP: role=Unknown, gmClockID=unknown");
    }
}
