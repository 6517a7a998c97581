package org.syncscope.timestamp.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.AddressList;
import org.syncscope.api.time.TimeSource;
import org.syncscope.timestamp.internal.ClockLimits;
import org.syncscope.timestamp.internal.ClockLoop;
import org.syncscope.timestamp.internal.NanoClock;
import org.syncscope.timestamp.internal.TimestampEngine;
import org.syncscope.timestamp.internal.TimestampSettings;

/** A master and a soft slave over UDP on loopback, real clocks, the slave's host clock 300 ms off. */
class MasterSlaveTest {

    private static final long MS = 1_000_000L;

    private static TimestampSettings settings(boolean master, String masters) {
        return new TimestampSettings(master, 1, 28323, 28322, 250, true, "", 1, 2.0, "",
                AddressList.parse("masterAddresses", masters), null);
    }

    /** A master's time as its stamp server hands it out, stepped forward by {@link #step} (ns) when the test says. */
    private static final class SteppedMaster implements StampServer.TimeSource {
        private final EngineTimeSource engine;
        volatile long step;

        SteppedMaster(TimestampEngine master) {
            this.engine = new EngineTimeSource(master);
        }

        @Override
        public long lastSyncNanos() {
            return engine.lastSyncNanos();
        }

        @Override
        public long currentTimeNanos() {
            return engine.currentTimeNanos() + step;
        }

        @Override
        public int syncRateSeconds() {
            return engine.syncRateSeconds();
        }

        @Override
        public int clockHz() {
            return engine.clockHz();
        }

        @Override
        public int mask() {
            return engine.mask();
        }

        @Override
        public void forceSync() {
            engine.forceSync();
        }
    }

    @Test
    void aSoftSlaveSlewsToItsMasterHoldsAJumpUntilConfirmedAndNeverGoesBack() throws Exception {
        TimestampEngine master = new TimestampEngine(settings(true, ""), null, "", NanoClock.SYSTEM, Runnable::run);
        SteppedMaster masterTime = new SteppedMaster(master);
        NanoClock offHost = NanoClock.systemShiftedBy(300 * MS);
        try (StampServer server = new StampServer(new InetSocketAddress("127.0.0.1", 0), masterTime)) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
            // slews at up to 200 000 ppm: the 300 ms the host is off take 1.5 s
            TimestampSettings fast = settings(false, "127.0.0.1:" + server.port())
                    .withLimits(new ClockLimits(200_000, 10, 600, 4, true));
            TimestampEngine slave = new TimestampEngine(fast, null, "", offHost, Runnable::run);
            MasterClient client = new MasterClient(slave::currentTime, System::nanoTime, Duration.ofSeconds(1));
            SlaveSync sync = new SlaveSync(slave, List.of(address), client, 1_000_000_000L, null, 4);

            long last = slave.currentTime();
            for (int round = 1; round <= 7; round++) {
                if (round == 3) {
                    masterTime.step = 50 * MS;   // the master jumps forward in the middle
                }
                assertThat(sync.syncOnce()).as("sync %d", round).isTrue();
                if (round == 3 || round == 4) {
                    assertThat(slave.loopState()).as("round %d: the jump is held", round).isEqualTo(ClockLoop.State.HELD);
                    assertThat(slave.alarm()).as("a held jump raises the alarm").isTrue();
                    assertThat(slave.loopProblem()).contains("held, not followed");
                }
                if (round == 5) {
                    assertThat(slave.loopState()).as("three samples agree: followed").isIn(ClockLoop.State.LOCKED,
                            ClockLoop.State.SLEWING);
                    assertThat(slave.alarm()).isFalse();
                }
                last = watchForOneSecond(slave, last);
            }
            assertThat(slave.status().source()).isEqualTo(TimeSource.MASTER);
            assertThat(slave.status().masterAddress()).isEqualTo("127.0.0.1:" + server.port());
            long offset = client.query(address).offsetNanos();
            for (int i = 0; i < 8; i++) {
                MasterClient.Exchange e = client.query(address);
                if (Math.abs(e.offsetNanos()) < Math.abs(offset)) {
                    offset = e.offsetNanos();
                }
            }
            // 300 ms off and a 50 ms jump of the master corrected
            assertThat(Math.abs(offset)).as("offset after 7 syncs: %d ns", offset).isLessThan(MS);
            assertThat(slave.status().backwardsPrevented()).as("slewed, never clamped").isZero();
            assertThat(client.stamping()).as("kernel timestamps on Linux").startsWith("kernel software timestamps");
        }
    }

    @Test
    void garbageNeverStopsTheStampServer() throws Exception {
        TimestampEngine master = new TimestampEngine(settings(true, ""), null, "", NanoClock.SYSTEM, Runnable::run);
        try (StampServer server = new StampServer(new InetSocketAddress("127.0.0.1", 0), new EngineTimeSource(master));
             DatagramSocket sender = new DatagramSocket()) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
            SplittableRandom r = new SplittableRandom(9);
            byte[] valid = TsPacket.timeRequest().encode();
            for (int i = 0; i < 20_000; i++) {
                byte[] junk = i % 2 == 0 ? new byte[r.nextInt(0, 200)] : java.util.Arrays.copyOf(valid, r.nextInt(0, 52));
                if (i % 2 == 0) {
                    r.nextBytes(junk);
                }
                sender.send(new DatagramPacket(junk, junk.length, address));
            }
            // UDP may drop a request while the junk fills the socket buffer: ask again until answered
            MasterClient client = new MasterClient(master::currentTime, System::nanoTime, Duration.ofMillis(500));
            MasterClient.Exchange e = null;
            for (int attempt = 0; attempt < 40 && e == null; attempt++) {
                try {
                    e = client.query(address);
                } catch (java.net.SocketTimeoutException lost) {
                    // the server is still draining junk
                }
            }
            assertThat(e).as("the stamp server answers after the junk").isNotNull();
            // the reply waited behind junk in the server's queue, so the offset is half that wait at most
            assertThat(Math.abs(e.offsetNanos())).as("still answering correctly")
                    .isLessThan(Math.max(5 * MS, e.roundTripNanos() / 2 + MS));
            assertThat(server.dropped()).isPositive();
        }
    }

    /** Reads the slave's time every millisecond for a second; it must never go back. */
    private static long watchForOneSecond(TimestampEngine slave, long last) throws InterruptedException {
        long end = System.nanoTime() + 1_000 * MS;
        while (System.nanoTime() < end) {
            long now = slave.currentTime();
            assertThat(now).isGreaterThanOrEqualTo(last);
            last = now;
            Thread.sleep(1);
        }
        return last;
    }
}
