package org.syncscope.ca.internal;

import gov.aps.jca.event.AbstractEventDispatcher;
import gov.aps.jca.event.AccessRightsEvent;
import gov.aps.jca.event.AccessRightsListener;
import gov.aps.jca.event.CAEvent;
import gov.aps.jca.event.ConnectionEvent;
import gov.aps.jca.event.ConnectionListener;
import gov.aps.jca.event.ContextExceptionEvent;
import gov.aps.jca.event.ContextExceptionListener;
import gov.aps.jca.event.ContextMessageEvent;
import gov.aps.jca.event.ContextMessageListener;
import gov.aps.jca.event.GetEvent;
import gov.aps.jca.event.GetListener;
import gov.aps.jca.event.MonitorEvent;
import gov.aps.jca.event.MonitorListener;
import gov.aps.jca.event.PutEvent;
import gov.aps.jca.event.PutListener;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CAJ's event dispatcher for our client context: every callback on one daemon thread,
 * {@value #THREAD_NAME}, in the order CAJ handed the events over, so the connection changes and
 * monitor updates of a channel are never reordered.
 *
 * <p>Hand-over: a ring of {@value #CAPACITY} preallocated slots. CAJ hands events over from its
 * leader/followers reactor threads and its timer, so producers take one short lock to fill a
 * slot; the thread reads published slots without it and sleeps only when the ring is empty (a
 * producer wakes it only then: one wake-up per burst, not per event). No object is made per event.
 *
 * <p>CAJ hands each monitor update over twice: the update to its {@code CAJMonitor}, which hands
 * it, on this thread, to the monitor's listeners. That second step is delivered at once, on the
 * spot, since it continues the event being delivered; it takes no slot.
 *
 * <p>When the ring is full. The producer is a CAJ reactor thread: while it waits, no socket of
 * that server is read, for any channel (connection changes, echoes, replies to gets), and the
 * server, which keeps only each monitor's newest queued update, drops updates silently. So:
 * <ul>
 * <li>Monitor updates may fill the ring up to {@link #UPDATE_LIMIT} ({@value #RESERVED} slots fewer).
 *     At that limit the producer waits at most {@link #UPDATE_WAIT_NANOS} (20 ms: a listener
 *     descheduled for a moment on a busy machine catches up), then drops the update, counts it,
 *     and drops every further update at once, without waiting, until the ring has drained to half
 *     of the limit: a listener that stays too slow costs the reactor one wait per overload, not
 *     one per update. Updates are samples and the next one follows; they are the part to lose.</li>
 * <li>Everything else (connection and access-rights changes, get and put completions, context
 *     messages and exceptions) is never dropped and never waits: it may take the reserved slots,
 *     and when even those are taken it is queued behind the ring in an overflow list (allocated,
 *     unbounded: its length is bounded by the channels and requests the application made, not by
 *     the update rate). While that list is not empty, updates count the ring as full, which keeps
 *     the order.</li>
 * <li>Events handed over on this thread itself (a listener's own request) never wait for it.</li>
 * </ul>
 *
 * <p>A listener that throws is logged (the first failure with its stack trace, then at most one
 * line per 10 s) and counted; the thread goes on. {@link #dispose()} ends the thread: the event
 * being delivered completes, the events still queued are discarded and counted, and dispose waits
 * at most {@value #DISPOSE_WAIT_MILLIS} ms for the thread (not at all when a listener on this
 * thread destroys the context: the thread then ends once that listener returns).
 */
public final class OrderedEventDispatcher extends AbstractEventDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(OrderedEventDispatcher.class);

    static final String THREAD_NAME = "ca-client-events";
    static final int CAPACITY = 1 << 16;
    /** Slots monitor updates may not take: a ring full of updates still takes connection changes. */
    static final int RESERVED = 4096;
    static final int UPDATE_LIMIT = CAPACITY - RESERVED;
    /** Once updates are dropped, they are taken again when fewer than this many events are queued. */
    static final int RESUME_BELOW = UPDATE_LIMIT / 2;
    static final long UPDATE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    static final long DISPOSE_WAIT_MILLIS = 2_000;

    private static final int MASK = CAPACITY - 1;
    private static final long WAIT_STEP_NANOS = 50_000;
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private static final byte MONITOR = 0;
    private static final byte CONNECTION = 1;
    private static final byte ACCESS_RIGHTS = 2;
    private static final byte GET = 3;
    private static final byte PUT = 4;
    private static final byte MESSAGE = 5;
    private static final byte EXCEPTION = 6;

    private static final VarHandle HEAD;
    private static final VarHandle DELIVERED;
    private static final VarHandle FAILURES;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(OrderedEventDispatcher.class, "head", long.class);
            DELIVERED = l.findVarHandle(OrderedEventDispatcher.class, "delivered", long.class);
            FAILURES = l.findVarHandle(OrderedEventDispatcher.class, "listenerFailures", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // The ring: slot i of sequence number s is s & MASK. Producers fill a slot under the lock and
    // publish it by the volatile write of tail; the thread empties it and frees it by head.
    private final byte[] kinds = new byte[CAPACITY];
    private final CAEvent[] events = new CAEvent[CAPACITY];
    /** Per slot: the listener, or an Object[] of them (CAJ's listener lists, copied). */
    private final Object[] targets = new Object[CAPACITY];

    private final Object lock = new Object();
    private volatile long tail;
    /** Written by the thread only (release); producers read it (acquire) to see the room left. */
    @SuppressWarnings("unused")
    private long head;
    private volatile boolean sleeping;
    private volatile boolean closed;

    // under lock
    private final ArrayDeque<Pending> overflow = new ArrayDeque<>();
    private boolean dropping;
    private long lastDropLog;
    private volatile int overflowSize;
    private volatile long droppedUpdates;
    private volatile long overflowed;
    private volatile long discarded;
    private volatile long maxQueued;

    // written by the thread only
    @SuppressWarnings("unused")
    private long delivered;
    @SuppressWarnings("unused")
    private long listenerFailures;
    private long failuresLogged;
    private long lastFailureLog;

    private final Thread thread;

    private record Pending(byte kind, CAEvent event, Object target) {
    }

    public OrderedEventDispatcher() {
        thread = new Thread(this::run, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
    }

    // ---- CAJ's hand-over: single listeners ----

    @Override
    public void dispatch(MonitorEvent ev, MonitorListener listener) {
        offer(MONITOR, ev, listener);
    }

    @Override
    public void dispatch(ConnectionEvent ev, ConnectionListener listener) {
        offer(CONNECTION, ev, listener);
    }

    @Override
    public void dispatch(AccessRightsEvent ev, AccessRightsListener listener) {
        offer(ACCESS_RIGHTS, ev, listener);
    }

    @Override
    public void dispatch(GetEvent ev, GetListener listener) {
        offer(GET, ev, listener);
    }

    @Override
    public void dispatch(PutEvent ev, PutListener listener) {
        offer(PUT, ev, listener);
    }

    @Override
    public void dispatch(ContextMessageEvent ev, ContextMessageListener listener) {
        offer(MESSAGE, ev, listener);
    }

    @Override
    public void dispatch(ContextExceptionEvent ev, ContextExceptionListener listener) {
        offer(EXCEPTION, ev, listener);
    }

    // ---- CAJ's hand-over: listener lists (copied: CAJ changes them under their own lock) ----

    @Override
    @SuppressWarnings("rawtypes")
    public void dispatch(MonitorEvent ev, List listeners) {
        if (Thread.currentThread() == thread) {
            relay(ev, listeners);   // CAJMonitor passing on the update being delivered
        } else {
            offer(MONITOR, ev, copy(listeners));
        }
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void dispatch(ConnectionEvent ev, List listeners) {
        offer(CONNECTION, ev, copy(listeners));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void dispatch(AccessRightsEvent ev, List listeners) {
        offer(ACCESS_RIGHTS, ev, copy(listeners));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void dispatch(GetEvent ev, List listeners) {
        offer(GET, ev, copy(listeners));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void dispatch(PutEvent ev, List listeners) {
        offer(PUT, ev, copy(listeners));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void dispatch(ContextMessageEvent ev, List listeners) {
        offer(MESSAGE, ev, copy(listeners));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void dispatch(ContextExceptionEvent ev, List listeners) {
        offer(EXCEPTION, ev, copy(listeners));
    }

    @SuppressWarnings("rawtypes")
    private static Object[] copy(List listeners) {
        synchronized (listeners) {   // the lock CAJ changes its listener lists under
            return listeners.toArray();
        }
    }

    @SuppressWarnings("rawtypes")
    private void relay(MonitorEvent ev, List listeners) {
        Object one = null;
        Object[] many = null;
        synchronized (listeners) {   // copied, never called under CAJ's lock
            if (listeners.size() == 1) {
                one = listeners.get(0);   // the usual case: no copy made
            } else {
                many = listeners.toArray();
            }
        }
        if (many == null) {
            call(MONITOR, ev, one);
        } else {
            for (Object l : many) {
                call(MONITOR, ev, l);
            }
        }
    }

    private static final int TAKEN = 0;
    private static final int TAKEN_WAKE = 1;
    private static final int GONE = 2;
    private static final int FULL = 3;

    private void offer(byte kind, CAEvent ev, Object target) {
        long waitUntil = 0;
        int outcome;
        while ((outcome = tryOffer(kind, ev, target, waitUntil)) == FULL) {
            if (waitUntil == 0) {
                waitUntil = System.nanoTime() + UPDATE_WAIT_NANOS;
            }
            LockSupport.parkNanos(WAIT_STEP_NANOS);   // the bounded wait, outside the lock; the thread is awake
        }
        if (outcome == TAKEN_WAKE) {
            LockSupport.unpark(thread);
        }
    }

    /** @param waitUntil when a full ring's update is dropped (0: not waited yet) */
    private int tryOffer(byte kind, CAEvent ev, Object target, long waitUntil) {
        boolean update = kind == MONITOR;
        synchronized (lock) {
            if (closed) {
                discarded++;
                return GONE;
            }
            long t = tail;
            long used = t - (long) HEAD.getAcquire(this);
            if (update ? takesUpdate(used) : overflow.isEmpty() && used < CAPACITY) {
                int i = (int) t & MASK;
                kinds[i] = kind;
                events[i] = ev;
                targets[i] = target;
                tail = t + 1;   // volatile: publishes the slot; then sleeping is read (see idle)
                if (used + 1 > maxQueued) {
                    maxQueued = used + 1;
                }
            } else if (!update) {
                overflow.add(new Pending(kind, ev, target));
                overflowed++;
                overflowSize = overflow.size();   // volatile; then sleeping is read
            } else if (dropping || Thread.currentThread() == thread
                    || (waitUntil != 0 && System.nanoTime() - waitUntil >= 0)) {
                drop();
                return GONE;
            } else {
                return FULL;
            }
            if (sleeping) {
                sleeping = false;
                return TAKEN_WAKE;
            }
            return TAKEN;
        }
    }

    /** Under the lock: whether a monitor update may take a slot with {@code used} taken. */
    private boolean takesUpdate(long used) {
        if (!overflow.isEmpty()) {
            return false;
        }
        if (dropping) {
            if (used >= RESUME_BELOW) {
                return false;
            }
            dropping = false;
        }
        return used < UPDATE_LIMIT;
    }

    /** Under the lock: the update is lost; the first of an overload is logged (at most once per 10 s). */
    private void drop() {
        droppedUpdates++;
        if (!dropping) {
            dropping = true;
            long now = System.nanoTime();
            if (lastDropLog == 0 || now - lastDropLog >= LOG_EVERY_NANOS) {
                lastDropLog = now;
                LOG.warn("Channel Access updates arrive faster than their listeners take them ({} events queued): "
                        + "dropping updates until half of them are delivered ({} dropped so far)",
                        tail - (long) HEAD.getAcquire(this), droppedUpdates);
            }
        }
    }

    // ---- the thread ----

    private void run() {
        long h = 0;
        while (!closed) {
            try {
                long t = tail;
                if (h == t) {
                    if (overflowSize > 0) {
                        deliverOverflow();
                    } else {
                        idle(h);
                    }
                    continue;
                }
                while (h != t && !closed) {
                    int i = (int) h & MASK;
                    byte kind = kinds[i];
                    CAEvent ev = events[i];
                    Object target = targets[i];
                    events[i] = null;
                    targets[i] = null;
                    h++;
                    HEAD.setRelease(this, h);   // the slot is free before its listener runs
                    deliver(kind, ev, target);
                }
            } catch (Throwable unexpected) {
                LOG.error("the Channel Access event thread failed; it goes on", unexpected);
            }
        }
        discardQueued(h);
    }

    /** The ring is empty: the overflow list holds the oldest events; takes one, then the ring is looked at again. */
    private void deliverOverflow() {
        Pending p;
        synchronized (lock) {
            p = overflow.poll();
            overflowSize = overflow.size();
        }
        if (p != null) {
            deliver(p.kind(), p.event(), p.target());
        }
    }

    /**
     * The ring is empty: parks until a producer publishes. No spinning first: on two cores
     * spinning took the CPU the reactor and the server needed, and cost more than the wake-ups it
     * saved (bench/ca-source-rate.sh: about one wake-up per 5 to 10 events at 100 000 events/s).
     */
    private void idle(long h) {
        sleeping = true;   // volatile write, then tail is read: a producer sees this or we see its event
        if (tail == h && overflowSize == 0 && !closed) {
            LockSupport.park(this);
        }
        sleeping = false;
    }

    private void deliver(byte kind, CAEvent ev, Object target) {
        if (target instanceof Object[] many) {
            for (Object l : many) {
                call(kind, ev, l);
            }
        } else {
            call(kind, ev, target);
        }
        DELIVERED.setRelease(this, (long) DELIVERED.get(this) + 1);
    }

    private void call(byte kind, CAEvent ev, Object l) {
        try {
            switch (kind) {
                case MONITOR -> {
                    if (l instanceof MonitorListener m) {
                        m.monitorChanged((MonitorEvent) ev);
                    }
                }
                case CONNECTION -> {
                    if (l instanceof ConnectionListener c) {
                        c.connectionChanged((ConnectionEvent) ev);
                    }
                }
                case ACCESS_RIGHTS -> {
                    if (l instanceof AccessRightsListener a) {
                        a.accessRightsChanged((AccessRightsEvent) ev);
                    }
                }
                case GET -> {
                    if (l instanceof GetListener g) {
                        g.getCompleted((GetEvent) ev);
                    }
                }
                case PUT -> {
                    if (l instanceof PutListener p) {
                        p.putCompleted((PutEvent) ev);
                    }
                }
                case MESSAGE -> {
                    if (l instanceof ContextMessageListener m) {
                        m.contextMessage((ContextMessageEvent) ev);
                    }
                }
                case EXCEPTION -> {
                    if (l instanceof ContextExceptionListener x) {
                        x.contextException((ContextExceptionEvent) ev);
                    }
                }
                default -> throw new IllegalStateException("event kind " + kind);
            }
        } catch (Throwable failure) {
            failed(l, ev, failure);
        }
    }

    private void failed(Object listener, CAEvent ev, Throwable failure) {
        long n = (long) FAILURES.get(this) + 1;
        FAILURES.setRelease(this, n);
        long now = System.nanoTime();
        if (failuresLogged == 0) {
            LOG.warn("a Channel Access listener ({}) failed on {}; the others go on", listener, ev.getClass().getSimpleName(), failure);
        } else if (now - lastFailureLog >= LOG_EVERY_NANOS) {
            LOG.warn("a Channel Access listener ({}) failed on {}: {} ({} listener failures in all)", listener,
                    ev.getClass().getSimpleName(), failure.toString(), n);
        } else {
            return;
        }
        failuresLogged = n;
        lastFailureLog = now;
    }

    /** The thread's last step: what is still queued is let go (CAJ's destroy disposes after closing every channel). */
    private void discardQueued(long h) {
        synchronized (lock) {
            long t = tail;
            for (long s = h; s != t; s++) {
                int i = (int) s & MASK;
                events[i] = null;
                targets[i] = null;
            }
            discarded += (t - h) + overflow.size();
            overflow.clear();
            overflowSize = 0;
            HEAD.setRelease(this, t);
        }
        if (droppedUpdates > 0 || listenerFailures() > 0) {
            LOG.info("Channel Access events of a closed client context: {}", this);
        }
    }

    /** Ends the thread; waits for it at most {@value #DISPOSE_WAIT_MILLIS} ms. Events handed over from now on are discarded. */
    @Override
    public void dispose() {
        closed = true;
        LockSupport.unpark(thread);
        if (Thread.currentThread() == thread) {
            return;   // a listener destroys its context: the thread ends once it returns
        }
        try {
            thread.join(DISPOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("the Channel Access event thread is still in a listener {} ms after its context closed; "
                    + "it ends when that listener returns", DISPOSE_WAIT_MILLIS);
        }
    }

    // ---- counts ----

    /** Events delivered to their listeners (an update with several listeners counts once). */
    long delivered() {
        return (long) DELIVERED.getAcquire(this);
    }

    /** Monitor updates dropped because the ring was full. */
    long droppedUpdates() {
        return droppedUpdates;
    }

    /** Other events that found the ring full and went to the overflow list (none is dropped). */
    long overflowed() {
        return overflowed;
    }

    /** Listener calls that threw. */
    long listenerFailures() {
        return (long) FAILURES.getAcquire(this);
    }

    /** Events queued at dispose, or handed over after it, that were never delivered. */
    long discarded() {
        return discarded;
    }

    /** The most events ever queued at once. */
    long maxQueued() {
        return maxQueued;
    }

    Thread thread() {
        return thread;
    }

    @Override
    public String toString() {
        return "OrderedEventDispatcher[delivered " + delivered() + ", updates dropped " + droppedUpdates
                + ", overflowed " + overflowed + ", listener failures " + listenerFailures() + ", discarded " + discarded
                + ", most queued " + maxQueued + (closed ? ", disposed" : "") + "]";
    }
}
