package org.syncscope.timestamp.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.AddressList;
import org.syncscope.timestamp.internal.NanoClock;
import org.syncscope.timestamp.internal.TimestampEngine;
import org.syncscope.timestamp.internal.TimestampSettings;

/**
 * A soft slave with a master and NTP (chronyd serving this host's clock) checks one against the
 * other each round: a master 5 ms off NTP raises the alarm and a PROBLEM line (still followed, as
 * drvTS does); a master that agrees raises nothing.
 */
class MasterNtpCrossCheckTest {

    private static final long MS = 1_000_000L;

    @Test
    void aMasterThatDisagreesWithNtpIsAnAlarmOneThatAgreesIsNot() throws Exception {
        try (Chrony chrony = new Chrony(12329)) {
            chrony.start();
            assertThat(rounds(chrony, 5 * MS)).as("master 5 ms off NTP")
                    .contains("PROBLEM: master 127.0.0.1:").contains("and NTP server 127.0.0.1:12329 disagree by");
            assertThat(rounds(chrony, 0)).as("master on NTP's time").doesNotContain("disagree");
        }
    }

    /** Three sync rounds of a slave whose master's host clock is {@code masterOff} ahead: the slave's report. */
    private static String rounds(Chrony chrony, long masterOff) throws Exception {
        TimestampEngine master = new TimestampEngine(new TimestampSettings(true, 1, 18323, 18322, 250, true, "", 0, 2.0,
                "", null, null), null, "", NanoClock.systemShiftedBy(masterOff), Runnable::run);
        try (StampServer server = new StampServer(new InetSocketAddress("127.0.0.1", 0), new EngineTimeSource(master))) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
            TimestampEngine slave = new TimestampEngine(new TimestampSettings(false, 1, 18323, 18322, 250, true,
                    "127.0.0.1:12329", 0, 2.0, "", AddressList.parse("m", "127.0.0.1:" + server.port()), null), null, "",
                    NanoClock.SYSTEM, Runnable::run);
            try (MasterClient client = new MasterClient(slave::currentTime, System::nanoTime, Duration.ofSeconds(1));
                 SntpClient sntp = new SntpClient(NanoClock.withWall(slave::currentTime), Duration.ofSeconds(1))) {
                SlaveSync sync = new SlaveSync(slave, List.of(address), client, 1_000_000_000L, null, 4);
                NtpSync ntp = new NtpSync(slave, List.of(chrony.address()), sntp, 4);
                SyncRound round = new SyncRound(sync, ntp, slave);
                for (int i = 0; i < 3; i++) {
                    assertThat(round.run()).isEqualTo("master");
                }
                assertThat(slave.alarm()).isEqualTo(masterOff != 0);
                return slave.report();
            }
        }
    }
}
