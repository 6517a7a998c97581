package org.syncscope.pvas.internal;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.LongAdder;
import org.epics.pvdata.copy.PVCopy;
import org.epics.pvdata.misc.BitSet;
import org.epics.pvdata.monitor.Monitor;
import org.epics.pvdata.monitor.MonitorElement;
import org.epics.pvdata.monitor.MonitorRequester;
import org.epics.pvdata.pv.PVStructure;
import org.epics.pvdata.pv.Status;

/**
 * A client's monitor of one PV: a bounded queue of updates, each its own copy of the fields the
 * client's pvRequest selected. pvAccessJava's server sends one queued element per
 * {@code monitorEvent}, so exactly one event is raised per element queued; when the queue is
 * full the oldest is dropped (counted, and the next element's overrun bits say so) and no event
 * is raised, which keeps events and elements one to one.
 */
final class PvaMonitor implements Monitor {

    private final ServedChannel channel;
    private final ServedPv pv;
    private final MonitorRequester requester;
    private final PVCopy copy;
    /** The copy's bits of what a post changes: value, alarm, timeStamp (those the client selected). */
    private final BitSet postBits;
    private final int capacity;
    private final LongAdder dropped;
    private final ArrayDeque<PvaElement> queue;   // guarded by itself
    private boolean overran;                      // guarded by queue

    PvaMonitor(ServedChannel channel, MonitorRequester requester, PVCopy copy, int capacity, LongAdder dropped) {
        this.channel = channel;
        this.pv = channel.pv();
        this.requester = requester;
        this.copy = copy;
        this.capacity = capacity;
        this.dropped = dropped;
        this.queue = new ArrayDeque<>(Math.min(capacity, 64));
        this.postBits = new BitSet(copy.createPVStructure().getNumberFields());
        PVStructure master = pv.master();
        for (String field : new String[] {"value", "alarm", "timeStamp"}) {
            int offset = master.getSubField(field) == null ? -1 : copy.getCopyOffset(master.getSubField(field));
            if (offset >= 0) {
                postBits.set(offset);
            }
        }
    }

    @Override
    public Status start() {
        if (channel.isWithdrawn()) {
            return Statuses.error("PV " + pv.name() + " was withdrawn");
        }
        pv.startMonitor(this);
        return Statuses.OK;
    }

    @Override
    public Status stop() {
        pv.stopMonitor(this);
        return Statuses.OK;
    }

    /**
     * Called with the PV locked, {@code master} holding the post: queues a copy. {@code first}:
     * the value a started monitor begins with, every field marked changed.
     */
    void update(PVStructure master, boolean first) {
        PVStructure s = copy.createPVStructure();
        BitSet changed = new BitSet(s.getNumberFields());
        copy.initCopy(s, changed);
        if (!first) {
            changed.clear();
            changed.or(postBits);
        }
        BitSet overrun = new BitSet(s.getNumberFields());
        boolean raise;
        synchronized (queue) {
            if (overran) {
                overrun.or(postBits);
                overran = false;
            }
            raise = queue.size() < capacity;
            if (!raise) {
                queue.pollFirst();
                dropped.increment();
                overran = true;
            }
            queue.addLast(new PvaElement(s, changed, overrun));
        }
        if (raise) {
            requester.monitorEvent(this);   // only queues a send on the client's connection: never blocks
        }
    }

    @Override
    public MonitorElement poll() {
        synchronized (queue) {
            return queue.pollFirst();
        }
    }

    @Override
    public void release(MonitorElement monitorElement) {
        // each element is used once: nothing to return
    }

    @Override
    public void destroy() {
        pv.stopMonitor(this);
        channel.requestClosed(this);
    }

    /** The PV was withdrawn: no more updates; the client is told the monitor ended. */
    void withdrawn() {
        pv.stopMonitor(this);
        synchronized (queue) {
            queue.clear();
        }
        requester.unlisten(this);
    }
}
