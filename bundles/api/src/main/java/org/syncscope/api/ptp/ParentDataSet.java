package org.syncscope.api.ptp;

import java.util.Objects;

/** PARENT_DATA_SET (management id 0x2002): the parent port and the grandmaster it leads to. */
public record ParentDataSet(PortIdentity parentPortIdentity, boolean parentStats,
                            int observedParentOffsetScaledLogVariance,
                            int observedParentClockPhaseChangeRate, int grandmasterPriority1,
                            ClockQuality grandmasterClockQuality, int grandmasterPriority2,
                            ClockIdentity grandmasterIdentity) {
    public ParentDataSet {
        Objects.requireNonNull(parentPortIdentity, "parentPortIdentity");
        Objects.requireNonNull(grandmasterClockQuality, "grandmasterClockQuality");
        Objects.requireNonNull(grandmasterIdentity, "grandmasterIdentity");
    }
}
