package org.syncscope.syncprofile.internal;

import org.syncscope.api.pv.PvUpdate;

/**
 * The one thread a profile's state lives on. Updates wait in a bounded queue and are dropped
 * (and counted) when it is full, so an overloaded profile costs its own data, never another
 * profile's memory or a source thread's time. Control work (connections, edits, status, close)
 * is never dropped and runs before the next queued update, so it does not wait for a backlog.
 */
public interface ProfileLane {

    /** Processes one update, on the lane's thread. */
    interface Sink {
        void process(InputPv.Connection from, PvUpdate update);
    }

    /** A repeating task; {@link #cancel()} stops it. */
    interface Tick {
        void cancel();
    }

    /** Starts delivering queued updates to {@code sink}. */
    void start(Sink sink);

    /** Queues an update without blocking; false (and counted as dropped) when the queue is full or the lane stopped. */
    boolean offer(InputPv.Connection from, PvUpdate update);

    /** Runs {@code task} on the lane's thread before any update still queued. */
    void execute(Runnable task);

    /** Runs {@code task} on the lane's thread every {@code periodNanos}, first after one period. */
    Tick every(long periodNanos, Runnable task);

    /** Updates dropped because the queue was full, since the lane started. */
    long dropped();

    /** Updates waiting now. */
    int queued();

    /** The queue's bound. */
    int capacity();

    /** Drops every queued update (not counted as dropped: nobody wants them); returns how many. */
    int discardQueued();

    /**
     * Stops the lane: queued updates are discarded, control tasks already queued still run, then
     * the thread ends. Returns at once.
     */
    void shutdown();

    /** Whether the caller is the lane's own thread (work for the lane may then run directly). */
    default boolean isLaneThread() {
        return false;
    }

    /** Waits up to {@code millis} for the thread to end after {@link #shutdown()}; true if it did. */
    boolean awaitTermination(long millis) throws InterruptedException;
}
