package org.syncscope.pvas.internal;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.LongAdder;
import org.epics.pvaccess.client.AccessRights;
import org.epics.pvaccess.client.Channel;
import org.epics.pvaccess.client.ChannelArray;
import org.epics.pvaccess.client.ChannelArrayRequester;
import org.epics.pvaccess.client.ChannelGet;
import org.epics.pvaccess.client.ChannelGetRequester;
import org.epics.pvaccess.client.ChannelProcess;
import org.epics.pvaccess.client.ChannelProcessRequester;
import org.epics.pvaccess.client.ChannelProvider;
import org.epics.pvaccess.client.ChannelPut;
import org.epics.pvaccess.client.ChannelPutGet;
import org.epics.pvaccess.client.ChannelPutGetRequester;
import org.epics.pvaccess.client.ChannelPutRequester;
import org.epics.pvaccess.client.ChannelRPC;
import org.epics.pvaccess.client.ChannelRPCRequester;
import org.epics.pvaccess.client.ChannelRequester;
import org.epics.pvaccess.client.GetFieldRequester;
import org.epics.pvdata.copy.PVCopy;
import org.epics.pvdata.copy.PVCopyFactory;
import org.epics.pvdata.factory.FieldFactory;
import org.epics.pvdata.monitor.Monitor;
import org.epics.pvdata.monitor.MonitorRequester;
import org.epics.pvdata.pv.Field;
import org.epics.pvdata.pv.FieldCreate;
import org.epics.pvdata.pv.MessageType;
import org.epics.pvdata.pv.PVField;
import org.epics.pvdata.pv.PVStructure;
import org.epics.pvdata.pv.Status;
import org.epics.pvdata.pv.Structure;

/**
 * One client's channel to a PV: gets, puts and monitors, each of the fields its pvRequest selects
 * (pvData's {@link PVCopy}). Process, put-get, RPC and array requests are refused.
 */
final class ServedChannel implements Channel {

    private static final FieldCreate FIELDS = FieldFactory.getFieldCreate();

    private final ChannelProvider provider;
    private final ServedPv pv;
    private final ChannelRequester requester;
    private final int monitorQueueSize;
    private final LongAdder dropped;
    private final Set<PvaMonitor> monitors = new CopyOnWriteArraySet<>();
    private volatile boolean destroyed;
    private volatile boolean withdrawn;

    ServedChannel(ChannelProvider provider, ServedPv pv, ChannelRequester requester, int monitorQueueSize,
                  LongAdder dropped) {
        this.provider = provider;
        this.pv = pv;
        this.requester = requester;
        this.monitorQueueSize = monitorQueueSize;
        this.dropped = dropped;
    }

    ServedPv pv() {
        return pv;
    }

    boolean isWithdrawn() {
        return withdrawn;
    }

    /** The PV was withdrawn: monitors end (the client is told), every later request fails. */
    void withdrawn() {
        withdrawn = true;
        for (PvaMonitor m : monitors) {
            m.withdrawn();
        }
    }

    void requestClosed(PvaMonitor monitor) {
        monitors.remove(monitor);
    }

    /** The selection of {@code pvRequest} (null or empty: every field), or null with the reason in {@code why}. */
    private PVCopy copyFor(PVStructure pvRequest, StringBuilder why) {
        // a request without a field selection (only record options, or none) selects every field
        PVStructure request = pvRequest != null && pvRequest.getSubField("field") != null ? pvRequest
                : org.epics.pvdata.copy.CreateRequest.create().createRequest("");
        PVCopy copy = PVCopyFactory.create(pv.master(), request, "");
        if (copy == null) {
            why.append("PV ").append(pv.name()).append(": the request selects no field of it: ").append(request);
        }
        return copy;
    }

    @Override
    public ChannelGet createChannelGet(ChannelGetRequester getRequester, PVStructure pvRequest) {
        StringBuilder why = new StringBuilder();
        PVCopy copy = copyFor(pvRequest, why);
        if (copy == null || withdrawn) {
            getRequester.channelGetConnect(Statuses.error(copy == null ? why.toString() : gone()), null, null);
            return null;
        }
        PvaGet get = new PvaGet(this, getRequester, copy);
        getRequester.channelGetConnect(Statuses.OK, get, typed(copy));
        return get;
    }

    @Override
    public ChannelPut createChannelPut(ChannelPutRequester putRequester, PVStructure pvRequest) {
        if (!pv.spec().writable()) {
            putRequester.channelPutConnect(Statuses.error("PV " + pv.name() + " is read-only"), null, null);
            return null;
        }
        StringBuilder why = new StringBuilder();
        PVCopy copy = copyFor(pvRequest, why);
        if (copy == null || withdrawn) {
            putRequester.channelPutConnect(Statuses.error(copy == null ? why.toString() : gone()), null, null);
            return null;
        }
        PvaPut put = new PvaPut(this, putRequester, copy);
        putRequester.channelPutConnect(Statuses.OK, put, typed(copy));
        return put;
    }

    @Override
    public Monitor createMonitor(MonitorRequester monitorRequester, PVStructure pvRequest) {
        StringBuilder why = new StringBuilder();
        PVCopy copy = copyFor(pvRequest, why);
        if (copy == null || withdrawn) {
            monitorRequester.monitorConnect(Statuses.error(copy == null ? why.toString() : gone()), null, null);
            return null;
        }
        PvaMonitor monitor = new PvaMonitor(this, monitorRequester, copy, monitorQueueSize, dropped);
        monitors.add(monitor);
        monitorRequester.monitorConnect(Statuses.OK, monitor, typed(copy));
        return monitor;
    }

    /**
     * The copy's type as the client is told it: pvData's copy of a selection (e.g.
     * {@code field(value,alarm,timeStamp)}) is a structure without the PV's type id, so a client
     * could not tell it is an NTScalar; a selection that keeps {@code value} keeps the id (the
     * fields and so the data on the wire are the copy's).
     */
    private Structure typed(PVCopy copy) {
        Structure c = copy.getStructure();
        String id = pv.type().getID();
        if (c.getID().equals(id) || c.getField("value") == null) {
            return c;
        }
        return FIELDS.createStructure(id, c.getFieldNames(), c.getFields());
    }

    private String gone() {
        return "PV " + pv.name() + " was withdrawn";
    }

    @Override
    public void getField(GetFieldRequester fieldRequester, String subField) {
        Structure type = pv.type();
        Field field = subField == null || subField.isEmpty() ? type : type.getField(subField);
        if (field == null) {
            fieldRequester.getDone(Statuses.error("PV " + pv.name() + " has no field '" + subField + "'"), null);
        } else {
            fieldRequester.getDone(Statuses.OK, field);
        }
    }

    @Override
    public AccessRights getAccessRights(PVField pvField) {
        return pv.spec().writable() ? AccessRights.readWrite : AccessRights.read;
    }

    private Status unsupported(String what) {
        return Statuses.error("PV " + pv.name() + ": " + what + " requests are not served");
    }

    @Override
    public ChannelProcess createChannelProcess(ChannelProcessRequester r, PVStructure pvRequest) {
        r.channelProcessConnect(unsupported("process"), null);
        return null;
    }

    @Override
    public ChannelPutGet createChannelPutGet(ChannelPutGetRequester r, PVStructure pvRequest) {
        r.channelPutGetConnect(unsupported("put-get"), null, null, null);
        return null;
    }

    @Override
    public ChannelRPC createChannelRPC(ChannelRPCRequester r, PVStructure pvRequest) {
        r.channelRPCConnect(unsupported("RPC"), null);
        return null;
    }

    @Override
    public ChannelArray createChannelArray(ChannelArrayRequester r, PVStructure pvRequest) {
        r.channelArrayConnect(unsupported("array"), null, null);
        return null;
    }

    @Override
    public ChannelProvider getProvider() {
        return provider;
    }

    @Override
    public String getRemoteAddress() {
        return "";
    }

    @Override
    public ConnectionState getConnectionState() {
        return destroyed ? ConnectionState.DESTROYED : ConnectionState.CONNECTED;
    }

    @Override
    public boolean isConnected() {
        return !destroyed;
    }

    /** The client closed the channel (or its connection): its monitors stop. */
    @Override
    public void destroy() {
        if (destroyed) {
            return;
        }
        destroyed = true;
        for (PvaMonitor m : monitors) {
            m.destroy();
        }
        pv.channelClosed(this);
    }

    @Override
    public String getChannelName() {
        return pv.name();
    }

    @Override
    public ChannelRequester getChannelRequester() {
        return requester;
    }

    @Override
    public String getRequesterName() {
        return requester.getRequesterName();
    }

    @Override
    public void message(String message, MessageType messageType) {
        requester.message(message, messageType);
    }
}
