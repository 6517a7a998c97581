package org.syncscope.cas.internal;

import com.cosylab.epics.caj.cas.ProcessVariableEventDispatcher;
import gov.aps.jca.cas.ProcessVariableEventCallback;

/**
 * Hands a {@link ServedPv}'s posts to its monitors. CAJ reads a new monitor's first value and
 * only then registers the monitor here; a post in between would reach neither, so the client
 * would miss it. So registration holds the PV's lock (no post can slip past) and then lets the PV
 * send such a post on.
 */
final class MonitorDispatcher extends ProcessVariableEventDispatcher {

    private final ServedPv pv;

    MonitorDispatcher(ServedPv pv) {
        super(pv);
        this.pv = pv;
    }

    @Override
    public void registerEventListener(ProcessVariableEventCallback listener) {
        synchronized (pv) {
            super.registerEventListener(listener);
            pv.sendPostMissedSinceRead(listener);
        }
    }
}
