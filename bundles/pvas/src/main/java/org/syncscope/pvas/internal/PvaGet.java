package org.syncscope.pvas.internal;

import org.epics.pvaccess.client.Channel;
import org.epics.pvaccess.client.ChannelGet;
import org.epics.pvaccess.client.ChannelGetRequester;
import org.epics.pvdata.copy.PVCopy;
import org.epics.pvdata.misc.BitSet;
import org.epics.pvdata.pv.PVStructure;

/** A client's get: each {@link #get()} answers a new structure of the selected fields (the server sends it later). */
final class PvaGet implements ChannelGet {

    private final ServedChannel channel;
    private final ChannelGetRequester requester;
    private final PVCopy copy;

    PvaGet(ServedChannel channel, ChannelGetRequester requester, PVCopy copy) {
        this.channel = channel;
        this.requester = requester;
        this.copy = copy;
    }

    @Override
    public void get() {
        if (channel.isWithdrawn()) {
            requester.getDone(Statuses.error("PV " + channel.pv().name() + " was withdrawn"), this, null, null);
            return;
        }
        BitSet changed = new BitSet();
        PVStructure s = channel.pv().read(copy, changed);
        requester.getDone(Statuses.OK, this, s, changed);
    }

    @Override
    public Channel getChannel() {
        return channel;
    }

    @Override
    public void cancel() {
    }

    @Override
    public void lastRequest() {
    }

    @Override
    public void destroy() {
    }

    @Override
    public void lock() {
    }

    @Override
    public void unlock() {
    }
}
