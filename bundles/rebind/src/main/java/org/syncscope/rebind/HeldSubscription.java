package org.syncscope.rebind;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.pv.PvListener;
import org.syncscope.api.pv.PvSource;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.Subscription;

/**
 * One subscription of a {@link RebindingSource}. Each attach starts a new generation; the
 * listener hears only the current generation, so a late callback of a replaced source is dropped.
 */
final class HeldSubscription implements Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(HeldSubscription.class);

    private final String pvName;
    private final PvListener listener;
    private final RebindingSource owner;
    /** Serialises listener calls; held only around them and around bookkeeping, never while calling the source. */
    private final Object calls = new Object();
    // guarded by calls
    private long generation;
    private boolean connected;
    private boolean closed;
    // guarded by the owner's lock
    private Subscription delegate;

    HeldSubscription(String pvName, PvListener listener, RebindingSource owner) {
        this.pvName = pvName;
        this.listener = listener;
        this.owner = owner;
    }

    void attachOrThrow(PvSource source) {
        long gen = nextGeneration(false);
        delegate = source.subscribe(pvName, new Forward(gen));
    }

    void attach(PvSource source) {
        detach();
        try {
            attachOrThrow(source);
        } catch (RuntimeException refused) {
            LOG.warn("{} not subscribed again on the new PV source: {}", pvName, refused.getMessage());
        }
    }

    /** Closes the subscription on the old source; the listener hears a disconnect if it was connected. */
    void detach() {
        Subscription old = delegate;
        delegate = null;
        nextGeneration(true);
        if (old != null) {
            old.close();
        }
    }

    void detachQuietly() {
        synchronized (calls) {
            closed = true;
            generation++;
        }
        Subscription old = delegate;
        delegate = null;
        if (old != null) {
            old.close();
        }
    }

    /** Starts a new generation (the previous source's callbacks are dropped from now on). */
    private long nextGeneration(boolean tellDisconnect) {
        synchronized (calls) {
            generation++;
            if (tellDisconnect && connected && !closed) {
                connected = false;
                call(() -> listener.onConnectionChanged(pvName, false));
            }
            return generation;
        }
    }

    @Override
    public String pvName() {
        return pvName;
    }

    @Override
    public boolean isConnected() {
        synchronized (calls) {
            return connected && !closed;
        }
    }

    @Override
    public void close() {
        owner.forget(this);
    }

    private void call(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("listener of {} failed", pvName, e);
        }
    }

    /** The listener given to one source, for one generation. */
    private final class Forward implements PvListener {
        private final long gen;

        Forward(long gen) {
            this.gen = gen;
        }

        @Override
        public void onUpdate(PvUpdate update) {
            synchronized (calls) {
                if (gen == generation && !closed) {
                    call(() -> listener.onUpdate(update));
                }
            }
        }

        @Override
        public void onConnectionChanged(String name, boolean now) {
            synchronized (calls) {
                if (gen == generation && !closed) {
                    connected = now;
                    call(() -> listener.onConnectionChanged(pvName, now));
                }
            }
        }
    }
}
