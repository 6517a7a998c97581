package org.syncscope.timestamp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.syncscope.timestamp.internal.net.SyncListener;
import org.syncscope.timestamp.internal.net.SyncSender;
import org.syncscope.timestamp.internal.net.TsPacket;

/** A synchronous slave takes its master's sync time (drvTS TSsyncServer / TSsyncClient). */
class SyncMessageTest {

    private static final long T0 = 1_764_000_000_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    private static TimestampSettings settings(boolean master) {
        return new TimestampSettings(master, 10, 28323, 28322, 250, false, "", 1, 20.0, "", null, null);
    }

    @Test
    void theSlaveStepsItsSyncTimeToTheMastersWhicheverArrivesFirst() throws Exception {
        FakeEventSystem.Clock masterClock = new FakeEventSystem.Clock(T0);
        FakeEventSystem.Clock slaveClock = new FakeEventSystem.Clock(T0 + 7 * MS);   // its host clock is 7 ms off
        FakeEventSystem masterEs = new FakeEventSystem();
        FakeEventSystem slaveEs = new FakeEventSystem();
        TimestampEngine master = new TimestampEngine(settings(true), masterEs, "m", masterClock, Runnable::run);
        TimestampEngine slave = new TimestampEngine(settings(false), slaveEs, "s", slaveClock, Runnable::run);
        master.start();
        slave.start();

        // the slave's own sync event first, then the master's message for the same sync
        masterEs.sync();
        slaveEs.sync();
        slave.onMasterSync(master.lastSyncNanos());
        assertThat(slave.eventTime(FakeEventSystem.SYNC)).isEqualTo(T0);
        assertThat(slave.syncSteps()).isEqualTo(1);
        slaveEs.ticks = 250;
        assertThat(slave.currentTime()).as("event time follows the master's sync").isGreaterThanOrEqualTo(T0 + 250 * MS);

        // next sync: the master's message arrives before the slave's own event, which adopts it
        masterClock.advance(10 * S);
        slaveClock.advance(10 * S);
        masterEs.sync();
        slave.onMasterSync(master.lastSyncNanos());
        slaveEs.sync();
        assertThat(slave.eventTime(FakeEventSystem.SYNC)).isEqualTo(master.lastSyncNanos());
        assertThat(slave.status().lastSyncNanos()).isEqualTo(T0 + 10 * S);
    }

    @Test
    void syncMessagesTravelOverUdpAndJunkIsDropped() throws Exception {
        FakeEventSystem.Clock clock = new FakeEventSystem.Clock(T0);
        FakeEventSystem es = new FakeEventSystem();
        TimestampEngine slave = new TimestampEngine(settings(false), es, "s", clock, Runnable::run);
        slave.start();
        es.sync();
        try (SyncListener listener = new SyncListener(new InetSocketAddress("127.0.0.1", 0), slave::onMasterSync);
             DatagramSocket junk = new DatagramSocket()) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", listener.port());
            SplittableRandom r = new SplittableRandom(3);
            for (int i = 0; i < 20_000; i++) {
                byte[] data = new byte[r.nextInt(0, 100)];
                r.nextBytes(data);
                junk.send(new DatagramPacket(data, data.length, address));
            }
            // UDP may drop datagrams while the junk fills the socket buffer: resend until one lands
            try (SyncSender sender = new SyncSender(List.of(address))) {
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    sender.send(new TsPacket(TsPacket.SYNC_MESSAGE, T0 - 3 * MS, T0, 10, 1000, 0, 0, 0));
                    return listener.received() >= 1;
                });
            }
            assertThat(slave.eventTime(FakeEventSystem.SYNC)).isEqualTo(T0 - 3 * MS);
            assertThat(listener.dropped()).isPositive();
        }
    }
}
