package org.syncscope.timestamp.internal.net;

import org.syncscope.timestamp.internal.TimestampEngine;

/**
 * One sync period's network work: a slave follows its master; a slave without one (none
 * configured, none answering, or one out of sync) and every master follow NTP when configured. A
 * slave with both measures NTP too and has the engine compare the two (a false ticker between a
 * master and NTP).
 */
public final class SyncRound {

    private final SlaveSync slave;
    private final NtpSync ntp;
    private final TimestampEngine engine;

    /** Either may be null: no masters configured / no NTP servers configured. */
    public SyncRound(SlaveSync slave, NtpSync ntp) {
        this(slave, ntp, null);
    }

    /** With {@code engine}: a slave with both a master and NTP checks one against the other each round. */
    public SyncRound(SlaveSync slave, NtpSync ntp, TimestampEngine engine) {
        this.slave = slave;
        this.ntp = ntp;
        this.engine = engine;
    }

    /** @return what the clock followed this round */
    public String run() {
        if (slave != null) {
            // measured before the master's sample corrects the clock, so both see the same clock
            boolean check = engine != null && ntp != null && slave.asksNow() && ntp.measure();
            if (slave.syncOnce()) {
                if (check && slave.sampled()) {
                    engine.crossCheck(slave.lastMaster(), slave.lastOffset(), slave.lastDelay(), ntp.measuredServer(),
                            ntp.measuredOffset(), ntp.measuredDelay());
                }
                return "master";
            }
        }
        if (ntp != null && ntp.syncOnce()) {
            return "ntp";
        }
        return "nothing";
    }
}
