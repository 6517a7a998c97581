package org.syncscope.pvas.internal;

import org.epics.pvaccess.client.Channel;
import org.epics.pvaccess.client.ChannelPut;
import org.epics.pvaccess.client.ChannelPutRequester;
import org.epics.pvdata.copy.PVCopy;
import org.epics.pvdata.misc.BitSet;
import org.epics.pvdata.pv.PVStructure;
import org.epics.pvdata.pv.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncscope.api.pv.AlarmSeverity;
import org.syncscope.api.pv.AlarmStatus;
import org.syncscope.api.pv.PvValue;

/**
 * A client's put to a writable PV: the value is converted to the PV's type and given to its
 * write handler; once the handler accepts, the PV takes the value (as over Channel Access).
 */
final class PvaPut implements ChannelPut {

    private static final Logger LOG = LoggerFactory.getLogger(PvaPut.class);

    private final ServedChannel channel;
    private final ChannelPutRequester requester;
    private final PVCopy copy;

    PvaPut(ServedChannel channel, ChannelPutRequester requester, PVCopy copy) {
        this.channel = channel;
        this.requester = requester;
        this.copy = copy;
    }

    /** Read at once: the server deserializes the next put into the same structure. */
    @Override
    public void put(PVStructure pvPutStructure, BitSet bitSet) {
        requester.putDone(write(pvPutStructure), this);
    }

    private Status write(PVStructure written) {
        ServedPv pv = channel.pv();
        if (channel.isWithdrawn()) {
            return Statuses.error("PV " + pv.name() + " was withdrawn");
        }
        PvValue value;
        try {
            value = PutValues.toValue(pv.spec(), written);
            PostChecks.check(pv.spec(), value);
        } catch (IllegalArgumentException bad) {
            return Statuses.error(bad.getMessage());
        }
        try {
            pv.spec().writeHandler().onWrite(value);
        } catch (IllegalArgumentException refused) {
            LOG.info("put to {} refused: {}", pv.name(), refused.getMessage());
            return Statuses.error(refused.getMessage());
        } catch (RuntimeException bug) {
            LOG.warn("write handler of {} failed", pv.name(), bug);
            return Statuses.error("PV " + pv.name() + ": the write failed: " + bug);
        }
        pv.post(value, org.syncscope.api.time.EpicsTime.unixNanos(java.time.Instant.now()), AlarmSeverity.NO_ALARM, AlarmStatus.NO_ALARM);
        return Statuses.OK;
    }

    @Override
    public void get() {
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
