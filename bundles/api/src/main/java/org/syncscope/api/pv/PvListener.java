package org.syncscope.api.pv;

/**
 * Receives a subscription's updates and connection changes. Calls for one subscription are
 * made one at a time, in order, on a thread of the {@link PvSource}: implementations must return
 * quickly (hand heavy work to their own executor) and must not throw; an exception thrown is
 * logged by the source and the subscription goes on.
 */
public interface PvListener {

    /** A new value arrived. */
    void onUpdate(PvUpdate update);

    /**
     * The channel connected ({@code true}) or lost its server ({@code false}). After a
     * disconnect the source reconnects by itself; updates resume with the next value.
     */
    default void onConnectionChanged(String pvName, boolean connected) {
    }
}
