package org.syncscope.cas.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.syncscope.testing.Configs;

/**
 * SCR's deactivate returns promptly while the server's stop is held up (CAJ closing client
 * connections, joining its threads), and the stop still completes afterwards: port closed,
 * lifecycle thread gone.
 */
class CaServerComponentBusyStopTest {

    private static final int PORT = 25312;
    /** Generous: the component waits about a second; before the fix it waited 8 s. */
    private static final long PROMPT_MILLIS = 3_000;

    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void cleanUp() {
        release.countDown();
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static long lifecycleThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("syncscope-cas-lifecycle")).count();
    }

    @Test
    void deactivateReturnsPromptlyWhileTheStopIsHeldUpAndTheStopCompletesLater() throws Exception {
        long threadsBefore = lifecycleThreads();
        Map<String, Object> p = Configs.fromFile("org.syncscope.cas.cfg", "port", Integer.toString(PORT));
        CaServerComponent component = new CaServerComponent(Configs.of(CasConfig.class, p), p);
        await().atMost(Duration.ofSeconds(15)).until(() -> component.status().startsWith("serving on UDP " + PORT));

        // the server's lock is what its stop takes first: held, the stop waits as it would on a slow CAJ destroy
        ChannelAccessServer server = component.server();
        CountDownLatch held = new CountDownLatch(1);
        Thread busy = new Thread(() -> {
            synchronized (server) {
                held.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "test-busy-cas");
        busy.setDaemon(true);
        busy.start();
        assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        component.deactivate();
        assertThat((System.nanoTime() - start) / 1_000_000L).isLessThan(PROMPT_MILLIS);
        assertThat(accepts(PORT)).as("not stopped yet").isTrue();

        release.countDown();
        await().atMost(Duration.ofSeconds(15)).until(() -> !accepts(PORT));
        assertThat(server.ports()).isNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> lifecycleThreads() <= threadsBefore);
    }
}
