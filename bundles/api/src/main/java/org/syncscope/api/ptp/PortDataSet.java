package org.syncscope.api.ptp;

import java.util.Objects;

/**
 * PORT_DATA_SET (management id 0x2004) of one port.
 *
 * @param peerMeanPathDelayNs peer mean path delay in ns (TimeInterval / 2^16, exact)
 */
public record PortDataSet(PortIdentity portIdentity, PortState portState,
                          int logMinDelayReqInterval, double peerMeanPathDelayNs,
                          int logAnnounceInterval, int announceReceiptTimeout, int logSyncInterval,
                          int delayMechanism, int logMinPdelayReqInterval, int versionNumber) {
    public PortDataSet {
        Objects.requireNonNull(portIdentity, "portIdentity");
        Objects.requireNonNull(portState, "portState");
    }
}
