package org.syncscope.eventsystem.mrf;

/**
 * One followed event of a receiver, as its counter record last showed it.
 *
 * @param code              the hardware event code
 * @param counterPv         the counter PV read for it, {@code $(EN)Cnt-I}
 * @param connected         whether that PV is connected now
 * @param counter           the counter's last value (-1 before the first)
 * @param hardwareTimeNanos the counter's last timestamp, ns since the Unix epoch: the hardware time
 *                          of the event (0 before the first)
 * @param userTag           the user tag of the last event (0 over Channel Access)
 * @param delivered         events delivered to the event handlers since the driver started
 * @param missed            events the counter skipped (the IOC's monitor coalesced them, or they were lost)
 */
public record MrfEventState(int code, String counterPv, boolean connected, long counter, long hardwareTimeNanos,
                            long userTag, long delivered, long missed) {
}
