package org.syncscope.syncprofile.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.pv.PvUpdate;

/**
 * A {@link ProfileLane} on a thread of its own. The update queue is a fixed ring of two arrays,
 * so queueing an update allocates nothing; one short lock guards it, the control queue and the
 * ticks, and no task ever runs under it.
 *
 * <p>Processing updates may take at most {@code cpuPercent} of each {@value #PERIOD_NANOS} ns
 * period (wall time while processing, which is at least the CPU time it used); once that is spent,
 * updates wait for the next period, the queue fills and the surplus is dropped. On a machine of
 * few cores this keeps an overloaded profile from taking a whole core from the CA client, the
 * other profiles and the IOCs sharing the host. Control work and ticks are never held back.
 */
public final class WorkerLane implements ProfileLane {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerLane.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final InputPv.Connection[] from;
    private final PvUpdate[] updates;
    private final ArrayDeque<Runnable> control = new ArrayDeque<>();
    private final List<RepeatingTask> ticks = new ArrayList<>();
    private final Thread thread;
    private final FailureLog failures;
    private final long budgetNanos;
    private long periodStart;
    private long busy;
    private Sink sink;
    private int head;
    private int size;
    private boolean waiting;
    private boolean stopped;
    private volatile long dropped;

    static final long PERIOD_NANOS = 100_000_000L;

    /** A lane whose updates may use the whole of a core. */
    public WorkerLane(String name, int capacity) {
        this(name, capacity, 100);
    }

    /**
     * @param cpuPercent the share of one core processing updates may take, 1 to 100
     */
    public WorkerLane(String name, int capacity, int cpuPercent) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queueCapacity: " + capacity + " (must be at least 1)");
        }
        if (cpuPercent < 1 || cpuPercent > 100) {
            throw new IllegalArgumentException("cpuPercent: " + cpuPercent + " (must be 1 to 100)");
        }
        this.budgetNanos = PERIOD_NANOS / 100 * cpuPercent;
        this.from = new InputPv.Connection[capacity];
        this.updates = new PvUpdate[capacity];
        this.failures = new FailureLog(LOG, "sync profile " + name);
        this.thread = new Thread(this::run, "syncprofile-" + name);
        thread.setDaemon(true);
    }

    @Override
    public void start(Sink sink) {
        this.sink = sink;
        thread.start();
    }

    @Override
    public boolean offer(InputPv.Connection source, PvUpdate update) {
        lock.lock();
        try {
            if (stopped || size == updates.length) {
                dropped++;   // written under the lock only; volatile for readers
                return false;
            }
            int tail = (head + size) % updates.length;
            from[tail] = source;
            updates[tail] = update;
            size++;
            if (waiting && size == 1) {   // a lane busy or held back by its CPU budget needs no wake-up
                wake.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void execute(Runnable task) {
        lock.lock();
        try {
            control.add(task);
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Tick every(long periodNanos, Runnable task) {
        RepeatingTask t = new RepeatingTask(periodNanos, task, System.nanoTime() + periodNanos);
        lock.lock();
        try {
            ticks.add(t);
            wake.signal();
        } finally {
            lock.unlock();
        }
        return () -> {
            lock.lock();
            try {
                ticks.remove(t);
            } finally {
                lock.unlock();
            }
        };
    }

    @Override
    public long dropped() {
        return dropped;
    }

    @Override
    public int queued() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int capacity() {
        return updates.length;
    }

    @Override
    public int discardQueued() {
        lock.lock();
        try {
            return clear();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void shutdown() {
        lock.lock();
        try {
            stopped = true;
            clear();
            ticks.clear();
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isLaneThread() {
        return Thread.currentThread() == thread;
    }

    @Override
    public boolean awaitTermination(long millis) throws InterruptedException {
        thread.join(millis);
        return !thread.isAlive();
    }

    private int clear() {
        int n = size;
        for (int k = 0; k < size; k++) {
            int i = (head + k) % updates.length;
            from[i] = null;
            updates[i] = null;
        }
        head = 0;
        size = 0;
        return n;
    }

    private void run() {
        InputPv.Connection source = null;
        PvUpdate update = null;
        while (true) {
            Runnable task = null;
            lock.lock();
            try {
                while (true) {
                    task = control.poll();
                    if (task != null) {
                        break;
                    }
                    long now = System.nanoTime();
                    RepeatingTask due = nextDue();
                    if (due != null && due.next - now <= 0) {
                        due.next = Math.max(due.next + due.period, now);   // a late tick is not repeated to catch up
                        task = due.task;
                        break;
                    }
                    long throttledUntil = busy >= budgetNanos
                            ? periodStart + PERIOD_NANOS : now;
                    if (throttledUntil - now <= 0 && now - periodStart >= PERIOD_NANOS) {
                        periodStart = now;
                        busy = 0;
                    }
                    if (size > 0 && throttledUntil - now <= 0) {
                        source = from[head];
                        update = updates[head];
                        from[head] = null;
                        updates[head] = null;
                        head = (head + 1) % updates.length;
                        size--;
                        break;
                    }
                    if (stopped) {
                        return;
                    }
                    waiting = true;
                    try {
                        long until = size > 0 ? throttledUntil : due != null ? due.next : 0;
                        if (due != null && due.next - until < 0) {
                            until = due.next;
                        }
                        if (size == 0 && due == null) {
                            wake.await();
                        } else {
                            wake.awaitNanos(until - now);
                        }
                    } catch (InterruptedException e) {
                        stopped = true;   // interrupted: end after the control tasks already queued
                    } finally {
                        waiting = false;
                    }
                }
            } finally {
                lock.unlock();
            }
            try {
                if (task != null) {
                    task.run();
                } else if (budgetNanos < PERIOD_NANOS) {
                    long start = System.nanoTime();
                    sink.process(source, update);
                    busy += System.nanoTime() - start;
                } else {
                    sink.process(source, update);   // a whole core allowed: nothing to account
                }
            } catch (RuntimeException | Error e) {
                failures.failed(task != null ? "a control task" : "processing an update", e);
            }
            source = null;
            update = null;
        }
    }

    private RepeatingTask nextDue() {
        RepeatingTask first = null;   // a handful of ticks: a scan is cheaper than a heap
        for (RepeatingTask t : ticks) {
            if (first == null || t.next - first.next < 0) {
                first = t;
            }
        }
        return first;
    }

    private static final class RepeatingTask {
        final long period;
        final Runnable task;
        long next;

        RepeatingTask(long period, Runnable task, long next) {
            this.period = period;
            this.task = task;
            this.next = next;
        }
    }

}
