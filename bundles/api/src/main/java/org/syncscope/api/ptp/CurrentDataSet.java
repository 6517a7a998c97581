package org.syncscope.api.ptp;

/**
 * CURRENT_DATA_SET (management id 0x2001).
 *
 * @param stepsRemoved       boundary clocks between this clock and the grandmaster (0 = this is the GM)
 * @param offsetFromMasterNs offset to the master in ns (TimeInterval / 2^16, exact)
 * @param meanPathDelayNs    mean path delay in ns (TimeInterval / 2^16, exact)
 */
public record CurrentDataSet(int stepsRemoved, double offsetFromMasterNs, double meanPathDelayNs) {
}
