package org.syncscope.pvas.internal;

import org.epics.pvdata.misc.BitSet;
import org.epics.pvdata.monitor.MonitorElement;
import org.epics.pvdata.pv.PVField;
import org.epics.pvdata.pv.PVStructure;

/**
 * One queued monitor update: its own structure and bit sets, never written while queued or being
 * sent; refilled only after the library released it ({@link PvaMonitor}).
 */
final class PvaElement implements MonitorElement {

    private final PVStructure structure;
    private final BitSet changed;
    private final BitSet overrun;
    /** The structure's fields a post writes (value, alarm, timeStamp, those selected), found once. */
    final PVField[] postTargets;

    PvaElement(PVStructure structure, BitSet changed, BitSet overrun, int[] postOffsets) {
        this.structure = structure;
        this.changed = changed;
        this.overrun = overrun;
        this.postTargets = new PVField[postOffsets.length];
        for (int i = 0; i < postOffsets.length; i++) {
            postTargets[i] = structure.getSubField(postOffsets[i]);
        }
    }

    @Override
    public PVStructure getPVStructure() {
        return structure;
    }

    @Override
    public BitSet getChangedBitSet() {
        return changed;
    }

    @Override
    public BitSet getOverrunBitSet() {
        return overrun;
    }
}
