package org.syncscope.pvas.internal;

import org.epics.pvdata.misc.BitSet;
import org.epics.pvdata.monitor.MonitorElement;
import org.epics.pvdata.pv.PVStructure;

/** One queued monitor update: its own structure (never written after it is queued) and bit sets. */
final class PvaElement implements MonitorElement {

    private final PVStructure structure;
    private final BitSet changed;
    private final BitSet overrun;

    PvaElement(PVStructure structure, BitSet changed, BitSet overrun) {
        this.structure = structure;
        this.changed = changed;
        this.overrun = overrun;
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
