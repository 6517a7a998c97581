package org.syncscope.api.ptp;

import java.util.Objects;

/** DEFAULT_DATA_SET (management id 0x2000): this clock's own identity and BMCA attributes. */
public record DefaultDataSet(boolean twoStep, boolean slaveOnly, int numberPorts, int priority1,
                             ClockQuality clockQuality, int priority2, ClockIdentity clockIdentity,
                             int domainNumber) {
    public DefaultDataSet {
        Objects.requireNonNull(clockQuality, "clockQuality");
        Objects.requireNonNull(clockIdentity, "clockIdentity");
    }
}
