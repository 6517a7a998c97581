package org.syncscope.api.ptp;

/**
 * IEEE 1588 clock quality, raw values as on the wire.
 *
 * @param clockClass              0..255 (e.g. 248 default, 6 locked to a primary reference)
 * @param clockAccuracy           0..255 (0x20 = within 25 ns … 0xFE unknown)
 * @param offsetScaledLogVariance 0..65535
 */
public record ClockQuality(int clockClass, int clockAccuracy, int offsetScaledLogVariance) {
}
