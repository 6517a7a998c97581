package org.syncscope.caj.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A shut down timer starts no thread again: CAJ's own started one for a task scheduled after its
 * shut down (here as a timer task reschedules itself, as a client connection's echo and the server's
 * beacon emitter do), which then ran for good.
 */
class ClosingTimerTest {

    private static List<Thread> timerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals(ClosingTimer.class.getName())).toList();
    }

    @Test
    void aTaskReschedulingItselfWhileShutDownLeavesNoThread() throws InterruptedException {
        ClosingTimer timer = new ClosingTimer();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch shut = new CountDownLatch(1);
        AtomicReference<Thread> first = new AtomicReference<>();
        AtomicBoolean rescheduledRan = new AtomicBoolean();
        timer.executeAfterDelay(0, started -> {
            first.set(Thread.currentThread());
            running.countDown();
            try {
                shut.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();   // as a beacon's send would end: the interrupt stays
            }
            timer.executeAfterDelay(0, again -> rescheduledRan.set(true));
        });
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        timer.shutDown();
        shut.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> !first.get().isAlive() && timerThreads().isEmpty());
        assertThat(rescheduledRan).isFalse();
        assertThat(timer.awaitEnd(1000)).isTrue();
    }

    @Test
    void aTaskScheduledFromElsewhereAfterShutDownStartsNoThread() throws InterruptedException {
        ClosingTimer timer = new ClosingTimer();
        CountDownLatch ran = new CountDownLatch(1);
        timer.executeAfterDelay(0, started -> ran.countDown());
        assertThat(ran.await(10, TimeUnit.SECONDS)).as("runs tasks before its shut down").isTrue();

        timer.shutDown();
        AtomicBoolean lateRan = new AtomicBoolean();
        Object late = timer.executeAfterDelay(0, t -> lateRan.set(true));   // a connection hearing a beacon
        timer.executePeriodically(10, t -> lateRan.set(true), 0);

        assertThat(late).isNotNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> timerThreads().isEmpty());
        assertThat(lateRan).isFalse();
    }
}
