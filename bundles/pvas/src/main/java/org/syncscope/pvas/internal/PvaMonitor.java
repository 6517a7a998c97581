package org.syncscope.pvas.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.epics.pvdata.copy.PVCopy;
import org.epics.pvdata.factory.ConvertFactory;
import org.epics.pvdata.misc.BitSet;
import org.epics.pvdata.monitor.Monitor;
import org.epics.pvdata.monitor.MonitorElement;
import org.epics.pvdata.monitor.MonitorRequester;
import org.epics.pvdata.pv.Convert;
import org.epics.pvdata.pv.PVDouble;
import org.epics.pvdata.pv.PVField;
import org.epics.pvdata.pv.PVInt;
import org.epics.pvdata.pv.PVLong;
import org.epics.pvdata.pv.PVString;
import org.epics.pvdata.pv.PVStructure;
import org.epics.pvdata.pv.Status;

/**
 * A client's monitor of one PV: a bounded queue of updates, each its own copy of the fields the
 * client's pvRequest selected. pvAccessJava's server sends one queued element per
 * {@code monitorEvent}, so exactly one event is raised per element queued; when the queue is
 * full the oldest is dropped (counted, and the next element's overrun bits say so) and no event
 * is raised, which keeps events and elements one to one.
 *
 * <p>Elements are reused: the library releases each once it is serialized, and a released or
 * dropped element goes back to a free list (at most capacity + 1 kept). A reused element keeps
 * the metadata its first fill copied (it never changes) and a post copies into it only the leaves
 * of value, alarm and timeStamp: building a new structure and copying every field per post was
 * half the cost of a monitored post ({@code bench/pva-throughput.sh}).
 */
final class PvaMonitor implements Monitor {

    private static final Convert CONVERT = ConvertFactory.getConvert();

    private final ServedChannel channel;
    private final ServedPv pv;
    private final MonitorRequester requester;
    private final PVCopy copy;
    /** The copy's bits of what a post changes: value, alarm, timeStamp (those the client selected). */
    private final BitSet postBits;
    private final int capacity;
    private final LongAdder dropped;
    /**
     * The master's leaf fields a post writes (under value, alarm, timeStamp) that the client
     * selected, and their offsets in the copy: copied leaf by leaf, since pvData's generic
     * structure copy was a third of a monitored post's cost.
     */
    private final PVField[] postFields;
    private final int[] postOffsets;
    private final ArrayDeque<PvaElement> queue;   // guarded by itself
    private final ArrayDeque<PvaElement> free;    // guarded by queue
    private boolean overran;                      // guarded by queue

    PvaMonitor(ServedChannel channel, MonitorRequester requester, PVCopy copy, int capacity, LongAdder dropped) {
        this.channel = channel;
        this.pv = channel.pv();
        this.requester = requester;
        this.copy = copy;
        this.capacity = capacity;
        this.dropped = dropped;
        this.queue = new ArrayDeque<>(Math.min(capacity, 64));
        this.free = new ArrayDeque<>(Math.min(capacity + 1, 64));
        PVStructure sample = copy.createPVStructure();
        this.postBits = new BitSet(sample.getNumberFields());
        PVStructure master = pv.master();
        List<PVField> fields = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        for (String field : new String[] {"value", "alarm", "timeStamp"}) {
            PVField f = master.getSubField(field);
            int offset = f == null ? -1 : copy.getCopyOffset(f);
            if (offset >= 0) {
                postBits.set(offset);
                if (sample.getSubField(offset).getNumberFields() == f.getNumberFields()) {
                    addLeaves(f, offset - f.getFieldOffset(), fields, offsets);   // selected whole: same layout
                } else {
                    fields.add(f);   // a part of it selected: copied as pvData does it
                    offsets.add(offset);
                }
            }
        }
        this.postFields = fields.toArray(new PVField[0]);
        this.postOffsets = offsets.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The leaves under {@code f}, a field the copy holds whole ({@code shift}: copy offset - master offset). */
    private static void addLeaves(PVField f, int shift, List<PVField> fields, List<Integer> offsets) {
        if (f instanceof PVStructure s) {
            for (PVField sub : s.getPVFields()) {
                addLeaves(sub, shift, fields, offsets);
            }
            return;
        }
        fields.add(f);
        offsets.add(f.getFieldOffset() + shift);
    }

    private static void copyLeaf(PVField from, PVField to) {
        if (from instanceof PVDouble d) {
            ((PVDouble) to).put(d.get());
        } else if (from instanceof PVInt i) {
            ((PVInt) to).put(i.get());
        } else if (from instanceof PVLong l) {
            ((PVLong) to).put(l.get());
        } else if (from instanceof PVString str) {
            ((PVString) to).put(str.get());
        } else {
            CONVERT.copy(from, to);   // arrays (into the copy's own array, its length set), partial structures
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
        PvaElement e;
        synchronized (queue) {
            e = free.pollFirst();
        }
        if (e == null) {
            PVStructure s = copy.createPVStructure();
            BitSet changed = new BitSet(s.getNumberFields());
            copy.initCopy(s, changed);
            e = new PvaElement(s, changed, new BitSet(s.getNumberFields()), postOffsets);
        } else if (first) {
            copy.initCopy(e.getPVStructure(), e.getChangedBitSet());
        } else {
            for (int i = 0; i < postFields.length; i++) {
                copyLeaf(postFields[i], e.postTargets[i]);
            }
        }
        BitSet changed = e.getChangedBitSet();
        BitSet overrun = e.getOverrunBitSet();
        if (!first) {
            changed.clear();
            changed.or(postBits);
        }
        overrun.clear();
        boolean raise;
        synchronized (queue) {
            if (overran) {
                overrun.or(postBits);
                overran = false;
            }
            raise = queue.size() < capacity;
            if (!raise) {
                recycle(queue.pollFirst());
                dropped.increment();
                overran = true;
            }
            queue.addLast(e);
        }
        if (raise) {
            requester.monitorEvent(this);   // only queues a send on the client's connection: never blocks
        }
    }

    /** Called with the queue locked: keeps an element no one uses any more for the next post. */
    private void recycle(PvaElement e) {
        if (e != null && free.size() <= capacity) {
            free.addLast(e);
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
        // the library is done with it: serialized and sent
        synchronized (queue) {
            recycle((PvaElement) monitorElement);
        }
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
