package org.syncscope.cas.internal;

import gov.aps.jca.cas.ServerChannel;

/** A client's channel to a {@link ServedPv}: write access only where the spec has a write handler. */
final class ServedChannel extends ServerChannel {

    private final ServedPv pv;

    ServedChannel(ServedPv pv, int cid, int sid, String userName, String hostName) {
        super(pv, cid, sid, userName, hostName);
        this.pv = pv;
        pv.channelOpened(this);
    }

    @Override
    public boolean writeAccess() {
        return pv.spec().writable();
    }

    int monitorCount() {
        synchronized (monitors) {
            return monitors.size();
        }
    }

    @Override
    public synchronized void destroy() {
        super.destroy();
        pv.channelClosed(this);
    }
}
