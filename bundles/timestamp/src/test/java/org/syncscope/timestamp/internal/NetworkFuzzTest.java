package org.syncscope.timestamp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.syncscope.timestamp.internal.net.EngineTimeSource;
import org.syncscope.timestamp.internal.net.MasterClient;
import org.syncscope.timestamp.internal.net.StampServer;
import org.syncscope.timestamp.internal.net.SyncListener;
import org.syncscope.timestamp.internal.net.SyncSender;
import org.syncscope.timestamp.internal.net.TsPacket;

/**
 * 100 000 random and truncated datagrams to each port of a synced master and slave: nothing
 * escapes the receive loops, time never goes back, and both still answer correctly afterwards.
 */
class NetworkFuzzTest {

    private static final long MS = 1_000_000L;

    @Test
    void junkOnBothPortsChangesNothing() throws Exception {
        TimestampSettings masterSettings = new TimestampSettings(true, 1, 28323, 28322, 250, true, "", 0, 2.0, "",
                null, null);
        // a 2 s sync period: a master sync message heard under 1 s after the slave's last sync
        // belongs to that sync, one heard later to the next (checked at the end)
        TimestampSettings slaveSettings = new TimestampSettings(false, 2, 28323, 28322, 250, false, "", 0, 2.0,
                "", null, null);
        TimestampEngine master = new TimestampEngine(masterSettings, null, "", NanoClock.SYSTEM, Runnable::run);
        FakeEventSystem es = new FakeEventSystem();
        TimestampEngine slave = new TimestampEngine(slaveSettings, es, "fake", NanoClock.SYSTEM, Runnable::run);
        slave.start();
        es.sync();
        long firstSyncMono = System.nanoTime();
        long slaveSync = slave.eventTime(FakeEventSystem.SYNC);
        try (StampServer stamp = new StampServer(new InetSocketAddress("127.0.0.1", 0), new EngineTimeSource(master));
             SyncListener listener = new SyncListener(new InetSocketAddress("127.0.0.1", 0), slave::onMasterSync);
             DatagramSocket junk = new DatagramSocket()) {
            InetSocketAddress stampPort = new InetSocketAddress("127.0.0.1", stamp.port());
            InetSocketAddress syncPort = new InetSocketAddress("127.0.0.1", listener.port());
            byte[] valid = new TsPacket(TsPacket.SYNC_MESSAGE, slaveSync, slaveSync, 1, 1000, 0, 0, 0).encode();
            SplittableRandom r = new SplittableRandom(11);
            long lastMaster = master.currentTime();
            long lastSlave = slave.currentTime();
            for (int i = 0; i < 100_000; i++) {
                for (InetSocketAddress port : new InetSocketAddress[] {stampPort, syncPort}) {
                    byte[] data;
                    if (i % 2 == 0) {
                        data = new byte[r.nextInt(0, 200)];
                        r.nextBytes(data);
                    } else {
                        data = Arrays.copyOf(valid, r.nextInt(0, 52));
                    }
                    junk.send(new DatagramPacket(data, data.length, port));
                }
                if (i % 1000 == 0) {
                    long m = master.currentTime();
                    long s = slave.currentTime();
                    assertThat(m).isGreaterThanOrEqualTo(lastMaster);
                    assertThat(s).isGreaterThanOrEqualTo(lastSlave);
                    lastMaster = m;
                    lastSlave = s;
                }
            }
            assertThat(stamp.dropped()).isPositive();
            assertThat(listener.dropped()).isPositive();
            assertThat(slave.eventTime(FakeEventSystem.SYNC)).as("no junk reached the sync time").isEqualTo(slaveSync);

            // both still answer correctly (UDP may drop while the buffers drain: ask again)
            MasterClient client = new MasterClient(master::currentTime, System::nanoTime, Duration.ofMillis(500));
            MasterClient.Exchange e = null;
            for (int attempt = 0; attempt < 40 && e == null; attempt++) {
                try {
                    e = client.query(stampPort);
                } catch (SocketTimeoutException lost) {
                    // still draining
                }
            }
            assertThat(e).isNotNull();
            // the reply waited behind junk in the server's queue, so the offset is half that wait at most
            assertThat(Math.abs(e.offsetNanos())).isLessThan(Math.max(5 * MS, e.roundTripNanos() / 2 + MS));
            long sinceFirstSync = System.nanoTime() - firstSyncMono;
            if (sinceFirstSync < 1_100 * MS) {
                Thread.sleep((1_100 * MS - sinceFirstSync) / MS + 1);   // a fast machine: let the first sync age
            }
            try (SyncSender sender = new SyncSender(List.of(syncPort))) {
                long received = listener.received();
                for (int attempt = 0; attempt < 100 && listener.received() == received; attempt++) {
                    sender.send(new TsPacket(TsPacket.SYNC_MESSAGE, slaveSync + 2 * MS, slaveSync, 1, 1000, 0, 0, 0));
                    Thread.sleep(100);
                }
            }
            // the message belongs to the next sync (the last one is over half a period old): it is
            // kept, and the slave's next sync event (under half a period later) takes the master's time
            es.sync();
            assertThat(slave.eventTime(FakeEventSystem.SYNC)).isEqualTo(slaveSync + 2 * MS);
        }
    }
}
