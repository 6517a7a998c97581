package org.syncscope.timestamp.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.AddressList;
import org.syncscope.timestamp.internal.NanoClock;
import org.syncscope.timestamp.internal.TimestampEngine;
import org.syncscope.timestamp.internal.TimestampSettings;

/**
 * The warm query path allocates nothing: a slave's sync round (four exchanges with its master over
 * loopback, the clock filter, the clock loop) and the master's answers, counted by the JVM per
 * thread after a warm-up. An object per round would make the first rounds after start slower than
 * later ones (and feed the collector once a second for ever).
 */
class SyncRoundAllocationTest {

    private static final int ROUNDS = 500;

    @Test
    void aWarmSyncRoundAndTheMastersAnswersAllocateNothing() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        TimestampEngine master = new TimestampEngine(new TimestampSettings(true, 1, 18323, 18322, 250, true, "", 0, 2.0,
                "", null, null), null, "", NanoClock.SYSTEM, Runnable::run);
        try (StampServer server = new StampServer(new InetSocketAddress("127.0.0.1", 0), new EngineTimeSource(master))) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
            TimestampEngine slave = new TimestampEngine(new TimestampSettings(false, 1, 18323, 18322, 250, true, "", 0,
                    2.0, "", AddressList.parse("m", "127.0.0.1:" + server.port()), null), null, "", NanoClock.SYSTEM,
                    Runnable::run);
            try (MasterClient client = new MasterClient(slave::currentTime, System::nanoTime, Duration.ofMillis(500))) {
                SlaveSync sync = new SlaveSync(slave, List.of(address), client, 1_000_000_000L, null, 4);
                Thread serverThread = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().equals("timestamp-stamp-server-" + server.port())).findFirst().orElseThrow();
                for (int i = 0; i < ROUNDS; i++) {
                    assertThat(sync.syncOnce()).isTrue();
                }
                long serverStart = threads.getThreadAllocatedBytes(serverThread.getId());
                long start = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < ROUNDS; i++) {
                    sync.syncOnce();
                }
                double perRound = (threads.getCurrentThreadAllocatedBytes() - start) / (double) ROUNDS;
                double perAnswer = (threads.getThreadAllocatedBytes(serverThread.getId()) - serverStart) / (4.0 * ROUNDS);
                System.out.printf("sync round (4 exchanges): %.1f bytes allocated per round; stamp server: %.1f per "
                        + "answer%n", perRound, perAnswer);
                assertThat(start).as("this JVM measures allocation").isPositive();
                assertThat(perRound).as("bytes per sync round").isLessThan(64);
                assertThat(perAnswer).as("bytes per answer").isLessThan(16);
                assertThat(client.stamping()).startsWith("kernel software timestamps");
            }
        }
    }
}
