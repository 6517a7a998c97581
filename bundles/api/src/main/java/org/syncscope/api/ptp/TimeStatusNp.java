package org.syncscope.api.ptp;

import java.util.Objects;

/**
 * TIME_STATUS_NP (linuxptp management id 0xC000).
 *
 * @param masterOffsetNs             offset to the master, plain ns (not scaled)
 * @param ingressTimeNs              ingress time of the last sync, ns
 * @param cumulativeScaledRateOffset raw value; pmc prints it divided by 2^41
 * @param scaledLastGmPhaseChange    raw value
 * @param gmTimeBaseIndicator        raw value
 * @param lastGmPhaseChangeNs        whole ns of lastGmPhaseChange (a ScaledNs: its low 64 bits;
 *                                   the high 16 bits are 0 for any change under 584 years)
 * @param lastGmPhaseChangeFraction  its fractional ns, in units of 2^-16 ns
 * @param gmPresent                  whether a grandmaster is known
 * @param gmIdentity                 the grandmaster's clock identity
 */
public record TimeStatusNp(long masterOffsetNs, long ingressTimeNs, int cumulativeScaledRateOffset,
                           int scaledLastGmPhaseChange, int gmTimeBaseIndicator,
                           long lastGmPhaseChangeNs, int lastGmPhaseChangeFraction,
                           boolean gmPresent, ClockIdentity gmIdentity) {
    public TimeStatusNp {
        Objects.requireNonNull(gmIdentity, "gmIdentity");
    }
}
