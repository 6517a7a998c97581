package org.syncscope.timestamp.internal.net;

/**
 * One sync period's network work: a slave follows its master; a slave without one (none
 * configured, none answering, or one out of sync) and every master follow NTP when configured.
 */
public final class SyncRound {

    private final SlaveSync slave;
    private final NtpSync ntp;

    /** Either may be null: no masters configured / no NTP servers configured. */
    public SyncRound(SlaveSync slave, NtpSync ntp) {
        this.slave = slave;
        this.ntp = ntp;
    }

    /** @return what the clock followed this round */
    public String run() {
        if (slave != null && slave.syncOnce()) {
            return "master";
        }
        if (ntp != null && ntp.syncOnce()) {
            return "ntp";
        }
        return "nothing";
    }
}
