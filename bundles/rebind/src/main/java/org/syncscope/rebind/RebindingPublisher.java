package org.syncscope.rebind;

import java.util.ArrayList;
import java.util.List;
import org.syncscope.api.pv.PublishedPv;
import org.syncscope.api.pv.PvPublisher;
import org.syncscope.api.pv.PvReading;
import org.syncscope.api.pv.PvSpec;

/**
 * A {@link PvPublisher} that outlives the real one: a component publishes through it once, and
 * every {@link #bind bound} publisher serves its PVs, starting with the last value posted.
 * Without a bound publisher, PVs are kept and posts are remembered, not served.
 *
 * <p>Meant for a dynamic, greedy, optional DS reference: call {@link #bind} and {@link #unbind}
 * from the reference's bind and unbind methods. Both only touch memory (publishing and posting to
 * a publisher never wait for clients), so SCR's thread is never held on the network. Thread safe.
 * Write handlers of the PVs must not post synchronously: they run on the publisher's thread.
 */
public final class RebindingPublisher implements PvPublisher {

    private final String owner;
    // guarded by this; the lock order is this, then a HeldPv
    private final List<HeldPv> held = new ArrayList<>();
    private PvPublisher current;

    /** @param owner names the component in the log when a PV cannot be published again */
    public RebindingPublisher(String owner) {
        this.owner = owner;
    }

    /** Serves every PV on {@code publisher} from now on (a greedy replacement withdraws them from the previous one). */
    public synchronized void bind(PvPublisher publisher) {
        if (publisher == current) {
            return;
        }
        current = publisher;
        held.forEach(pv -> pv.attach(publisher, owner));
    }

    /** Withdraws every PV from {@code publisher} if it is the bound one; the PVs and their last values stay. */
    public synchronized void unbind(PvPublisher publisher) {
        if (publisher != current) {
            return;
        }
        current = null;
        held.forEach(HeldPv::detach);
    }

    /** Whether a publisher is bound, i.e. the PVs are being served. */
    public synchronized boolean isBound() {
        return current != null;
    }

    /**
     * Publishes at once when a publisher is bound, else on the next bind.
     *
     * @throws IllegalArgumentException if this component already has a PV of that name, or the
     *                                  bound publisher refuses the spec
     */
    @Override
    public synchronized PublishedPv publish(PvSpec spec) {
        for (HeldPv pv : held) {
            if (pv.spec().name().equals(spec.name())) {
                throw new IllegalArgumentException("PV " + spec.name() + " is already published");
            }
        }
        HeldPv pv = new HeldPv(spec, this);
        if (current != null) {
            pv.publishOn(current);
        }
        held.add(pv);
        return pv;
    }

    /** What the bound publisher serves, or nothing while none is bound. */
    @Override
    public List<PublishedPv> published() {
        PvPublisher p;
        synchronized (this) {
            p = current;
        }
        return p == null ? List.of() : p.published();
    }

    /**
     * What {@code pv}, one of the PVs this publisher gave out, carries now: its last post, as every
     * publisher bound serves it; for readers in this process (a status page), so they need no
     * client of the server. Null for a PV that is not one of them.
     *
     * @since 1.1
     */
    public static PvReading reading(PublishedPv pv) {
        return pv instanceof HeldPv held ? held.reading() : null;
    }

    synchronized void forget(HeldPv pv) {
        held.remove(pv);
    }
}
