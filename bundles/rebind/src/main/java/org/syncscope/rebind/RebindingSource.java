package org.syncscope.rebind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.syncscope.api.pv.PvException;
import org.syncscope.api.pv.PvListener;
import org.syncscope.api.pv.PvSource;
import org.syncscope.api.pv.PvUpdate;
import org.syncscope.api.pv.Subscription;

/**
 * A {@link PvSource} that outlives the real one: subscriptions made through it are made again on
 * every {@link #bind bound} source. When the source goes, each connected subscription tells its
 * listener it disconnected; the new source's connection and updates follow as usual.
 *
 * <p>Meant for a dynamic, greedy, optional DS reference: call {@link #bind} and {@link #unbind}
 * from the reference's bind and unbind methods. Both only touch memory (a source's subscribe
 * returns at once), so SCR's thread is never held on the network. Listener calls stay one at a
 * time per subscription, and none from a previous source arrives after its unbind. Thread safe.
 */
public final class RebindingSource implements PvSource {

    // guarded by this; never taken by a listener call, so a source may wait for its callbacks inside subscribe or close
    private final List<HeldSubscription> held = new ArrayList<>();
    private PvSource current;

    /** Subscribes everything again on {@code source} (a greedy replacement closes the previous subscriptions). */
    public synchronized void bind(PvSource source) {
        if (source == current) {
            return;
        }
        current = source;
        held.forEach(s -> s.attach(source));
    }

    /** Closes every subscription on {@code source} if it is the bound one; connected listeners hear a disconnect. */
    public synchronized void unbind(PvSource source) {
        if (source != current) {
            return;
        }
        current = null;
        held.forEach(HeldSubscription::detach);
    }

    /** Whether a source is bound. */
    public synchronized boolean isBound() {
        return current != null;
    }

    /**
     * Subscribes at once when a source is bound, else on the next bind.
     *
     * @throws IllegalArgumentException if the bound source refuses the name
     */
    @Override
    public synchronized Subscription subscribe(String pvName, PvListener listener) {
        HeldSubscription s = new HeldSubscription(pvName, listener, this);
        if (current != null) {
            s.attachOrThrow(current);
        }
        held.add(s);
        return s;
    }

    /** Reads through the bound source. @throws PvException while no source is bound */
    @Override
    public PvUpdate get(String pvName, Duration timeout) throws PvException {
        PvSource s;
        synchronized (this) {
            s = current;
        }
        if (s == null) {
            throw new PvException("cannot read " + pvName + ": no PV source is bound (is the Channel Access client running?)");
        }
        return s.get(pvName, timeout);
    }

    synchronized void forget(HeldSubscription s) {
        held.remove(s);
        s.detachQuietly();
    }
}
