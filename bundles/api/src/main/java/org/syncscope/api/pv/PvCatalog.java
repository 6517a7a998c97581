package org.syncscope.api.pv;

import java.util.List;

/**
 * PVs made on demand: names a publisher does not hold but asks the catalog about when a client
 * looks for them (a Channel Access search). A sync profile of 1 000 inputs has 2.5 million
 * possible outputs; as a catalog it holds none of them as PV objects until a client asks, and
 * posts only to those some client uses. Registered with {@link PvPublisher#serve(PvCatalog)}.
 *
 * <p>The publisher calls {@link #find} and {@link #names} from its own (network) threads at any
 * time; {@link #open} and {@link #closed} too. The catalog answers from state it can read safely
 * from those threads.
 */
public interface PvCatalog {

    /** A catalog being served; closing it withdraws the catalog's PVs. */
    interface Served extends org.syncscope.api.Registration {

        /**
         * The catalog's names changed (its owner was reconfigured). A publisher that finds names
         * on demand needs nothing; one that published them in advance publishes the new ones and
         * withdraws those gone. PVs of names gone that are open are closed by the catalog itself.
         */
        void namesChanged();
    }

    /**
     * The spec of the PV {@code name} if this catalog has it now, else null. Called for every
     * search a client sends: fast, never blocking, thread safe.
     */
    PvSpec find(String name);

    /** Every name the catalog has now, in its own order; for listings (e.g. {@code pv:list}). */
    Iterable<String> names();

    /**
     * The PV {@code pv.spec().name()} is served from now on: before returning, the catalog posts
     * its current value to {@code pv} (if it has one; without it clients read UDF), because a
     * client reads it right after; from then on it posts every change until {@link #closed} or
     * until it closes {@code pv} itself (the name left the catalog: its clients see a
     * disconnect). Called on the thread serving that client's connection, so it may wait briefly
     * (for the owner's thread), never for long: that client's other requests wait meanwhile.
     *
     * @throws IllegalArgumentException if the catalog no longer has the name (the client's
     *                                  channel is refused)
     */
    void open(PublishedPv pv);

    /**
     * The publisher stopped serving {@code pv} (no client used it for a while, the catalog was
     * withdrawn, or a PV of the same name was published): post no more to it. Not called for a
     * PV the catalog closed itself. The owner takes no lock here that its own posting threads
     * could hold while they wait for the publisher.
     */
    void closed(PublishedPv pv);

    /**
     * The current reading of each PV named, in the same order; null for a name it does not have
     * (any more). One call for many names, so a listing costs one pass of the owner's thread.
     */
    List<PvReading> read(List<String> names);
}
