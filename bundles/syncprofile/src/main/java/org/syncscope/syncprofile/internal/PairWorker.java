package org.syncscope.syncprofile.internal;

import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread that computes one partition of a profile's pairs ({@code syncprofile-NAME-pairs-K}):
 * the profile's thread hands it every update in order through a ring of primitive slots (nothing
 * allocated, one volatile write), and it applies them to its {@link PairSet} in that order, so its
 * pairs see exactly what they would on the profile's thread. Everything else the profile does to
 * the partition (edits, restarts, reads, opens) it does itself after {@link #awaitIdle()}, while
 * this thread waits for the next update.
 */
final class PairWorker {

    private static final Logger LOG = LoggerFactory.getLogger(PairWorker.class);
    private static final int CAPACITY = 1 << 12;
    private static final int MASK = CAPACITY - 1;
    private static final int SPINS = 2_000;

    private final PairSet part;
    private final Thread thread;
    private final int[] input = new int[CAPACITY];
    private final long[] seq = new long[CAPACITY];
    private final long[] time = new long[CAPACITY];
    private final long[] stamp = new long[CAPACITY];
    private final boolean[] immediate = new boolean[CAPACITY];
    /** Updates handed over (written by the profile's thread) and done (by this one). */
    private volatile long submitted;
    private volatile long done;
    private volatile boolean sleeping;
    private volatile boolean stopped;

    PairWorker(String profile, int index, PairSet part) {
        this.part = part;
        this.thread = new Thread(this::run, "syncprofile-" + profile + "-pairs-" + index);
        thread.setDaemon(true);
        thread.start();
    }

    /** Hands an update over; waits only while the ring is full (the partition is behind). */
    void submit(int i, long updateSeq, long updateTime, long updateStamp, boolean post) {
        long s = submitted;
        while (s - done >= CAPACITY) {
            Thread.onSpinWait();
        }
        int slot = (int) s & MASK;
        input[slot] = i;
        seq[slot] = updateSeq;
        time[slot] = updateTime;
        stamp[slot] = updateStamp;
        immediate[slot] = post;
        submitted = s + 1;   // publishes the slot
        if (sleeping) {
            LockSupport.unpark(thread);
        }
    }

    /** Returns once every update handed over is applied: the partition may then be used by the caller. */
    void awaitIdle() {
        long target = submitted;
        for (int k = 0; done < target; k++) {
            if (k < SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    PairSet part() {
        return part;
    }

    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
    }

    private void run() {
        int idle = 0;
        while (!stopped) {
            long d = done;
            if (d < submitted) {
                int slot = (int) d & MASK;
                try {
                    part.update(input[slot], seq[slot], time[slot], stamp[slot], immediate[slot]);
                } catch (RuntimeException | Error e) {
                    LOG.error("{}: processing an update failed", thread.getName(), e);
                }
                done = d + 1;
                idle = 0;
            } else if (idle++ < SPINS) {
                Thread.onSpinWait();
            } else {
                sleeping = true;
                if (done == submitted && !stopped) {
                    LockSupport.parkNanos(1_000_000L);
                }
                sleeping = false;
            }
        }
    }
}
