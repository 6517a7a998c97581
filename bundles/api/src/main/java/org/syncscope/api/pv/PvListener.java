package org.syncscope.api.pv;

/**
 * Receives a subscription's updates and connection changes. Calls for one subscription are
 * made one at a time, in order, on a thread of the {@link PvSource}: implementations must return
 * quickly (hand heavy work to their own executor) and must not throw; an exception thrown is
 * logged by the source and the subscription goes on.
 */
public interface PvListener {

    /**
     * A new value arrived. The first update after each connect ({@code onConnectionChanged(name,
     * true)}) is the channel's current value, as Channel Access sends it when a monitor is set
     * up: it was stamped before the connection, possibly long before, so it is not evidence of a
     * fresh update (a listener timing updates uses it as a baseline at most). The connect is
     * always told before it.
     */
    void onUpdate(PvUpdate update);

    /**
     * The channel connected ({@code true}) or lost its server ({@code false}). After a
     * disconnect the source reconnects by itself; it tells the connect, then delivers the
     * channel's current value, then fresh updates. No update arrives between a disconnect and
     * the next connect.
     */
    default void onConnectionChanged(String pvName, boolean connected) {
    }
}
