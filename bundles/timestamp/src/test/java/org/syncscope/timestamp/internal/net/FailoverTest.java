package org.syncscope.timestamp.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.AddressList;
import org.syncscope.api.time.TimeSource;
import org.syncscope.timestamp.internal.NanoClock;
import org.syncscope.timestamp.internal.TimestampEngine;
import org.syncscope.timestamp.internal.TimestampSettings;

/** A slave with a master and NTP (chronyd): master gone → NTP; master back → master again. */
class FailoverTest {

    @Test
    void aSlaveFallsBackToNtpAndReadoptsItsMaster() throws Exception {
        try (Chrony chrony = new Chrony(12327)) {
            chrony.start();
            TimestampEngine master = new TimestampEngine(new TimestampSettings(true, 1, 28323, 28322, 250, true,
                    "", 0, 2.0, "", AddressList.EMPTY, null), null, "", NanoClock.SYSTEM, Runnable::run);
            StampServer server = new StampServer(new InetSocketAddress("127.0.0.1", 0), new EngineTimeSource(master));
            int port = server.port();
            InetSocketAddress masterAddress = new InetSocketAddress("127.0.0.1", port);
            TimestampEngine slave = new TimestampEngine(new TimestampSettings(false, 1, 28323, 28322, 250, true,
                    "127.0.0.1:12327", 0, 2.0, "", AddressList.parse("m", "127.0.0.1:" + port), null), null, "",
                    NanoClock.SYSTEM, Runnable::run);
            NanoClock slaveTime = NanoClock.withWall(slave::currentTime);
            SyncRound round = new SyncRound(
                    new SlaveSync(slave, List.of(masterAddress), new MasterClient(slave::currentTime, System::nanoTime,
                            Duration.ofSeconds(1)), 500_000_000L),
                    new NtpSync(slave, List.of(chrony.address()), new SntpClient(slaveTime, Duration.ofSeconds(1))));
            try {
                assertThat(round.run()).isEqualTo("master");
                assertThat(slave.status().source()).isEqualTo(TimeSource.MASTER);

                server.close();   // the master goes away
                assertThat(round.run()).isEqualTo("ntp");
                Thread.sleep(2100);   // past two sync periods without the master
                assertThat(round.run()).isEqualTo("ntp");
                assertThat(slave.status().source()).isEqualTo(TimeSource.NTP);

                server = new StampServer(new InetSocketAddress("127.0.0.1", port), new EngineTimeSource(master));
                Thread.sleep(600);   // the slave asks a silent master again only after its retry time (here 0.5 s)
                assertThat(round.run()).isEqualTo("master");
                assertThat(slave.status().source()).isEqualTo(TimeSource.MASTER);
                assertThat(slave.status().backwardsPrevented()).isZero();
            } finally {
                server.close();
            }
        }
    }
}
