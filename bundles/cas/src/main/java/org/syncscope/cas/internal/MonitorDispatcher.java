package org.syncscope.cas.internal;

import com.cosylab.epics.caj.cas.ProcessVariableEventDispatcher;
import gov.aps.jca.cas.ProcessVariableEventCallback;

/**
 * Hands a {@link ServedPv}'s posts to its monitors. CAJ reads a new monitor's first value and
 * only then registers the monitor here; a post in between would reach neither, so the client
 * would miss it. Registration therefore goes through the PV, which sends such a post on.
 */
final class MonitorDispatcher extends ProcessVariableEventDispatcher {

    private final ServedPv pv;

    MonitorDispatcher(ServedPv pv) {
        super(pv);
        this.pv = pv;
    }

    @Override
    public void registerEventListener(ProcessVariableEventCallback listener) {
        pv.registerMonitor(listener, () -> super.registerEventListener(listener));
    }
}
