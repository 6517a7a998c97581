package org.syncscope.cas.internal;

import gov.aps.jca.CAStatus;
import gov.aps.jca.CAStatusException;
import gov.aps.jca.cas.ProcessVariable;
import gov.aps.jca.cas.ProcessVariableAttachCallback;
import gov.aps.jca.cas.ProcessVariableEventCallback;
import gov.aps.jca.cas.ProcessVariableExistanceCallback;
import gov.aps.jca.cas.ProcessVariableExistanceCompletion;
import gov.aps.jca.cas.Server;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * What CAJ asks about names (in place of CAJ's {@code DefaultServerImpl}, which knows only PVs
 * registered in advance): the PVs published first, then the catalogs' names, made into PVs when a
 * client attaches. A name published and in a catalog is the published PV's.
 */
final class PvRegistry implements Server {

    private final Map<String, ServedPv> published;
    private final OnDemandPvs onDemand;

    PvRegistry(Map<String, ServedPv> published, OnDemandPvs onDemand) {
        this.published = published;
        this.onDemand = onDemand;
    }

    /** Called for every search, on CAJ's UDP thread. */
    @Override
    public ProcessVariableExistanceCompletion processVariableExistanceTest(String name, InetSocketAddress client,
            ProcessVariableExistanceCallback async) {
        return published.containsKey(name) || onDemand.has(name) ? ProcessVariableExistanceCompletion.EXISTS_HERE
                : ProcessVariableExistanceCompletion.DOES_NOT_EXIST_HERE;
    }

    /** Called on the client connection's thread when it creates a channel; CAJ creates the channel on what this returns. */
    @Override
    public ProcessVariable processVariableAttach(String name, ProcessVariableEventCallback ignored,
            ProcessVariableAttachCallback async) throws CAStatusException {
        ServedPv pv = published.get(name);   // its own event callback is set (MonitorDispatcher)
        if (pv == null) {
            pv = onDemand.attach(name);
        }
        if (pv == null) {
            throw new CAStatusException(CAStatus.NOSUPPORT, "PV " + name + " does not exist");
        }
        return pv;
    }
}
