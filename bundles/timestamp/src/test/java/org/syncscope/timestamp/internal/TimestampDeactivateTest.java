package org.syncscope.timestamp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.syncscope.testing.Configs;
import org.syncscope.testing.RecordingPublisher;

/**
 * Deactivate returns promptly while the component's thread waits in a sync round for NTP servers
 * that never answer, and the stop still happens when the round ends: its UDP ports are free again,
 * its status PVs withdrawn and its thread gone. Ports 25313–25317.
 */
class TimestampDeactivateTest {

    private static final int MASTER_PORT = 25313;
    private static final int SLAVE_PORT = 25314;
    private static final int[] SILENT_NTP = {25315, 25316, 25317};
    /** Generous: deactivate waits about a second; before the fix it waited 5 s. */
    private static final long PROMPT_MILLIS = 3_000;

    private final DatagramSocket[] silent = new DatagramSocket[SILENT_NTP.length];

    @AfterEach
    void closeSilentServers() {
        for (DatagramSocket s : silent) {
            if (s != null) {
                s.close();
            }
        }
    }

    private static boolean bound(int port) {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
            return false;
        } catch (SocketException taken) {
            return true;
        }
    }

    private static long driverThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("timestamp-driver")).count();
    }

    @Test
    void deactivateDuringASyncRoundWithSilentServersReturnsPromptlyAndTheStopStillHappens() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        StringBuilder servers = new StringBuilder();
        for (int i = 0; i < SILENT_NTP.length; i++) {
            silent[i] = new DatagramSocket(new InetSocketAddress("127.0.0.1", SILENT_NTP[i]));
            servers.append(i == 0 ? "" : " ").append("127.0.0.1:").append(SILENT_NTP[i]);
        }
        DatagramSocket first = silent[0];
        Thread listener = new Thread(() -> {
            try {
                first.receive(new DatagramPacket(new byte[64], 64));   // the request; never answered
                asked.countDown();
            } catch (java.io.IOException closed) {
                // the test ended
            }
        }, "test-silent-ntp");
        listener.setDaemon(true);
        listener.start();

        long threadsBefore = driverThreads();
        Map<String, Object> p = Configs.fromFile("org.syncscope.timestamp.cfg", "master", "true", "syncRateSeconds", "1",
                "masterPort", Integer.toString(MASTER_PORT), "slavePort", Integer.toString(SLAVE_PORT),
                "masterBindAddress", "127.0.0.1", "slaveAddresses", "127.0.0.1:" + SLAVE_PORT,
                "ntpServers", servers.toString(), "timeoutMs", "2500");
        TimestampComponent c = new TimestampComponent(Configs.of(TimestampConfig.class, p), p);
        RecordingPublisher publisher = new RecordingPublisher();
        c.bindPublisher(publisher);
        await().atMost(Duration.ofSeconds(15)).until(() -> bound(MASTER_PORT) && publisher.served.containsKey("TS:Mode"));
        assertThat(asked.await(15, TimeUnit.SECONDS)).as("a sync round asks the first NTP server").isTrue();

        long start = System.nanoTime();
        c.deactivate();   // the round still waits up to 3 × 2.5 s for its servers
        assertThat((System.nanoTime() - start) / 1_000_000L).isLessThan(PROMPT_MILLIS);

        await().atMost(Duration.ofSeconds(20)).until(() -> !bound(MASTER_PORT));
        await().atMost(Duration.ofSeconds(5)).until(() -> publisher.served.isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> driverThreads() <= threadsBefore);
    }
}
