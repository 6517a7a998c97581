package org.syncscope.syncprofile.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.PvValue;

/** The profile thread: a bounded queue that drops and counts, control work ahead of any backlog. */
class WorkerLaneTest {

    private final CountDownLatch gate = new CountDownLatch(1);
    private final List<Long> processed = new CopyOnWriteArrayList<>();
    private WorkerLane lane;

    @AfterEach
    void stop() throws InterruptedException {
        gate.countDown();
        if (lane != null) {
            lane.shutdown();
            assertThat(lane.awaitTermination(5_000)).isTrue();
        }
    }

    private static PvUpdate update(long t) {
        return new PvUpdate("A", new PvValue.DoubleValue(0), t, t, AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
    }

    /** A lane whose sink waits at the gate before the first update, so the queue fills behind it. */
    private WorkerLane blockedLane(int capacity) {
        lane = new WorkerLane("t", capacity);
        lane.start((from, u) -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            processed.add(u.sourceTimeNanos());
        });
        return lane;
    }

    @Test
    void aFullQueueDropsAndCountsWithoutBlockingTheCaller() {
        blockedLane(10);
        int taken = 0;
        for (int i = 0; i < 1_000; i++) {
            if (lane.offer(null, update(i))) {
                taken++;
            }
        }
        int accepted = taken;
        // ten waiting, and one more if the sink took the first before the queue filled
        assertThat(accepted).isBetween(10, 11);
        assertThat(lane.dropped()).isEqualTo(1_000 - accepted);
        // the sink may take one from the full queue only now, then blocks at the gate
        assertThat(lane.queued()).isBetween(9, 10);
        gate.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> processed.size() == accepted);
        assertThat(processed).isSorted();   // in order
    }

    @Test
    void controlWorkRunsBeforeTheBacklog() throws Exception {
        blockedLane(100_000);
        for (int i = 0; i < 100_000; i++) {
            lane.offer(null, update(i));
        }
        CountDownLatch ran = new CountDownLatch(1);
        AtomicInteger processedWhenRun = new AtomicInteger(-1);
        lane.execute(() -> {
            processedWhenRun.set(processed.size());
            ran.countDown();
        });
        gate.countDown();
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        // the task ran after the update that was in the sink, ahead of the 99 999 queued
        assertThat(processedWhenRun.get()).isLessThanOrEqualTo(1);
    }

    @Test
    void discardingAndShutdownDropTheBacklogAndEndTheThread() throws Exception {
        blockedLane(200_000);
        for (int i = 0; i < 150_000; i++) {
            lane.offer(null, update(i));
        }
        assertThat(lane.discardQueued()).isBetween(149_999, 150_000);
        assertThat(lane.queued()).isZero();
        assertThat(lane.dropped()).as("discarded on purpose is not 'dropped'").isZero();
        lane.offer(null, update(1));
        lane.shutdown();
        gate.countDown();
        assertThat(lane.awaitTermination(5_000)).isTrue();
        assertThat(processed.size()).isLessThanOrEqualTo(1);
        assertThat(lane.offer(null, update(2))).as("a stopped lane takes nothing").isFalse();
    }

    @Test
    void ticksRepeatOnTheLaneThreadUntilCancelled() {
        lane = new WorkerLane("t", 10);
        lane.start((from, u) -> { });
        List<String> threads = new CopyOnWriteArrayList<>();
        ProfileLane.Tick tick = lane.every(TimeUnit.MILLISECONDS.toNanos(5), () -> threads.add(Thread.currentThread().getName()));
        await().atMost(Duration.ofSeconds(5)).until(() -> threads.size() >= 3);
        tick.cancel();
        int n = threads.size();
        CountDownLatch after = new CountDownLatch(1);
        lane.every(TimeUnit.MILLISECONDS.toNanos(50), after::countDown);
        await().atMost(Duration.ofSeconds(5)).until(() -> after.getCount() == 0);
        assertThat(threads.size()).as("no tick after cancel (one may have been running)").isLessThanOrEqualTo(n + 1);
        assertThat(threads).allMatch("syncprofile-t"::equals);
    }

    @Test
    void aFailingUpdateDoesNotStopTheLane() {
        lane = new WorkerLane("t", 10);
        lane.start((from, u) -> {
            if (u.sourceTimeNanos() == 1) {
                throw new IllegalStateException("boom");
            }
            processed.add(u.sourceTimeNanos());
        });
        lane.offer(null, update(1));
        lane.offer(null, update(2));
        await().atMost(Duration.ofSeconds(5)).until(() -> processed.contains(2L));
    }

    @Test
    void aCpuShareHoldsUpdatesBackAndLetsTheQueueDropTheSurplus() {
        lane = new WorkerLane("t", 1_000, 10);
        lane.start((from, u) -> {
            long until = System.nanoTime() + 1_000_000;   // each update costs 1 ms
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            processed.add(u.sourceTimeNanos());
        });
        long start = System.nanoTime();
        for (int i = 0; i < 2_000; i++) {
            lane.offer(null, update(i));
        }
        // the queue holds 1 000; while offering, the lane may take at most its first period's budget
        // (10 ms = 10 updates, +1 begun): the rest is dropped (on a busy machine 999 was seen 998)
        assertThat(lane.dropped()).isGreaterThanOrEqualTo(2_000 - 1_000 - 11);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed.size() >= 50);
        long millis = (System.nanoTime() - start) / 1_000_000;
        // 10 ms of work per 100 ms: 50 updates need at least four periods (a busy machine only adds)
        assertThat(millis).isGreaterThanOrEqualTo(300);
        CountDownLatch ran = new CountDownLatch(1);
        lane.execute(ran::countDown);
        await().atMost(Duration.ofSeconds(5)).until(() -> ran.getCount() == 0);   // control is never held back
    }
}
