package org.syncscope.pva.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.pv.PvUpdate;

/**
 * The one thread, {@code pva-client-events}, on which a client's listeners hear every update and
 * connection change, in the order they were handed over. The library calls back on one receive
 * thread per server connection, plus its timer and search threads for connection changes; funnelling
 * them here keeps {@link org.syncscope.api.pv.PvListener}'s promise (one call at a time, in order)
 * and keeps slow listeners off the library's socket threads.
 *
 * <p>A ring of preallocated slots, so handing over allocates nothing. When it is full an update
 * waits at most {@link #FULL_WAIT}, then is dropped (counted, logged rate-limited): a waiting
 * receive thread reads nothing from its server. Connection changes are never dropped: the ring
 * grows for them.
 */
final class EventQueue implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventQueue.class);

    static final int CAPACITY = 16_384;
    static final Duration FULL_WAIT = Duration.ofMillis(20);
    static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    private static final long DROP_LOG_INTERVAL_NANOS = 10_000_000_000L;

    /** What the queue delivers to: a subscription. */
    interface Target {
        void deliverUpdate(PvUpdate update);

        void deliverConnection(boolean connected);
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private Target[] targets = new Target[CAPACITY];
    /** A {@link PvUpdate}, or {@link Boolean} for a connection change. */
    private Object[] events = new Object[CAPACITY];
    private int head;
    private int count;
    private volatile boolean closed;
    private final Thread thread;
    private final AtomicLong dropped = new AtomicLong();
    private long lastDropLog;

    EventQueue() {
        thread = new Thread(this::run, "pva-client-events");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues an update; false if it was dropped (the queue stayed full for {@link #FULL_WAIT}, or it is closed). */
    boolean offerUpdate(Target target, PvUpdate update) {
        lock.lock();
        try {
            if (count == targets.length && Thread.currentThread() != thread) {
                long wait = FULL_WAIT.toNanos();
                while (count == targets.length && wait > 0 && !closed) {
                    wait = notFull.awaitNanos(wait);
                }
            }
            if (closed) {
                return false;
            }
            if (count == targets.length) {
                drop();
                return false;
            }
            put(target, update);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Queues a connection change; never dropped. */
    void offerConnection(Target target, boolean connected) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (count == targets.length) {
                grow();
            }
            put(target, connected);
        } finally {
            lock.unlock();
        }
    }

    private void put(Target target, Object event) {
        int tail = (head + count) % targets.length;
        targets[tail] = target;
        events[tail] = event;
        count++;
        notEmpty.signal();
    }

    private void grow() {
        Target[] t = new Target[targets.length * 2];
        Object[] e = new Object[t.length];
        for (int i = 0; i < count; i++) {
            int from = (head + i) % targets.length;
            t[i] = targets[from];
            e[i] = events[from];
        }
        targets = t;
        events = e;
        head = 0;
    }

    private void drop() {
        long n = dropped.incrementAndGet();
        long now = System.nanoTime();
        if (n == 1 || now - lastDropLog > DROP_LOG_INTERVAL_NANOS) {
            lastDropLog = now;
            LOG.warn("pvAccess listeners fall behind: {} updates dropped so far ({} queued)", n, count);
        }
    }

    /** Updates dropped because the queue was full. */
    long dropped() {
        return dropped.get();
    }

    private void run() {
        while (true) {
            Target target;
            Object event;
            lock.lock();
            try {
                while (count == 0 && !closed) {
                    notEmpty.await();
                }
                if (closed) {
                    return;
                }
                target = targets[head];
                event = events[head];
                targets[head] = null;
                events[head] = null;
                head = (head + 1) % targets.length;
                count--;
                notFull.signal();
            } catch (InterruptedException e) {
                if (closed) {
                    return;
                }
                continue;
            } finally {
                lock.unlock();
            }
            try {
                if (event instanceof PvUpdate u) {
                    target.deliverUpdate(u);
                } else {
                    target.deliverConnection((Boolean) event);
                }
            } catch (RuntimeException e) {
                LOG.warn("a pvAccess listener failed", e);
            }
        }
    }

    /** Ends the thread (waiting at most {@link #CLOSE_WAIT}); what is still queued is discarded. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(CLOSE_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.warn("pva-client-events did not end within {} s (a listener still running)", CLOSE_WAIT.toSeconds());
            }
        }
    }

    boolean isRunning() {
        return thread.isAlive();
    }
}
