package org.syncscope.ca.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SCR's deactivate and modified return promptly while CAJ is still busy with the context they
 * let go (its destroy sends to every server and retries a full send buffer for good), and the
 * destroy still completes once CAJ is free again.
 */
class CaSourceComponentBusyContextTest {

    private static final int PORT = 25310;
    private static final int OTHER_PORT = 25311;
    /** Generous: the component waits about a second; before the fix it waited 5 s. */
    private static final long PROMPT_MILLIS = 3_000;

    private final CountDownLatch release = new CountDownLatch(1);
    private CaSourceComponent component;

    @AfterEach
    void cleanUp() {
        release.countDown();
        if (component != null) {
            component.deactivate();
        }
    }

    /** Holds the context's lock (CAJ's destroy and initialize take it) until the test lets go. */
    private void keepBusy(ClosingClientContext context) throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        Thread busy = new Thread(() -> {
            synchronized (context) {
                held.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "test-busy-caj");
        busy.setDaemon(true);
        busy.start();
        assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();
    }

    private static long millisOf(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return (System.nanoTime() - start) / 1_000_000L;
    }

    @Test
    void deactivateReturnsPromptlyWhileCajIsBusyAndTheDestroyCompletesLater() throws Exception {
        Map<String, Object> p = CaSourceComponentTest.properties(PORT);
        component = new CaSourceComponent();
        component.activate(CaSourceComponentTest.config(p), p);
        ClosingClientContext context = component.client().context();
        keepBusy(context);

        CaSourceComponent c = component;
        component = null;
        assertThat(millisOf(c::deactivate)).isLessThan(PROMPT_MILLIS);
        assertThat(context.isDestroyed()).as("not yet: CAJ is still busy").isFalse();

        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(context::isDestroyed);
        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("ca-client-destroy")));
    }

    @Test
    void aModifiedThatRebuildsReturnsPromptlyWhileTheOldContextIsBusy() throws Exception {
        Map<String, Object> p = CaSourceComponentTest.properties(PORT);
        component = new CaSourceComponent();
        component.activate(CaSourceComponentTest.config(p), p);
        ClosingClientContext old = component.client().context();
        keepBusy(old);

        Map<String, Object> next = CaSourceComponentTest.properties(OTHER_PORT);
        assertThat(millisOf(() -> component.modified(CaSourceComponentTest.config(next), next)))
                .isLessThan(PROMPT_MILLIS);
        assertThat(component.refusal()).isNull();
        assertThat(component.client().settings().serverPort()).as("runs on the new settings").isEqualTo(OTHER_PORT);
        assertThat(component.client().context()).isNotSameAs(old);

        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(old::isDestroyed);
    }
}
