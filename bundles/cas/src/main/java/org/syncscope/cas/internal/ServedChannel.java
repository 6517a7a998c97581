package org.syncscope.cas.internal;

import com.cosylab.epics.caj.cas.CASTransport;
import gov.aps.jca.cas.ServerChannel;
import gov.aps.jca.cas.ServerMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    /**
     * The client connection, found through one of the client's monitors (CAJ sets a monitor's
     * connection only after registering it, so it is looked up when needed, not on registration).
     */
    Optional<CASTransport> transport() {
        List<Object> current;
        synchronized (monitors) {
            current = new ArrayList<>(monitors.values());
        }
        for (Object m : current) {
            Optional<CASTransport> t = ServerDisconnect.transportOf((ServerMonitor) m);
            if (t.isPresent()) {
                return t;
            }
        }
        return Optional.empty();
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
