package org.syncscope.pmc.internal;

import java.util.Optional;
import org.syncscope.api.ptp.ClockIdentity;
import org.syncscope.api.ptp.CurrentDataSet;
import org.syncscope.api.ptp.HostPtpRole;
import org.syncscope.api.ptp.HostPtpStatus;
import org.syncscope.api.ptp.PtpManagement;
import org.syncscope.api.ptp.PtpManagementException;
import org.syncscope.api.ptp.TimeStatusNp;

/**
 * What both ways of reaching ptp4l (its socket, or the pmc program) share: the host role decided as
 * the site's existing tools decide it.
 */
abstract class ManagementClient implements PtpManagement, AutoCloseable {

    /** "native /var/run/ptp4l" or "command /usr/sbin/pmc -s /var/run/ptp4l", for messages. */
    abstract String describe();

    /**
     * stepsRemoved 0: this host is the grandmaster, and the grandmaster's identity is this clock's
     * (pmc's tools take it from the source of the GRANDMASTER_SETTINGS_NP reply, which is the same
     * clock identity DEFAULT_DATA_SET holds). Otherwise a slave of the grandmaster TIME_STATUS_NP
     * names; PARENT_DATA_SET's when ptp4l reports no grandmaster present yet.
     */
    @Override
    public HostPtpStatus hostStatus() throws PtpManagementException {
        CurrentDataSet current = currentDataSet();
        if (current.stepsRemoved() == 0) {
            return new HostPtpStatus(HostPtpRole.GRANDMASTER, current, defaultDataSet().clockIdentity(),
                    Optional.empty());
        }
        TimeStatusNp time = timeStatus();
        ClockIdentity gm = time.gmPresent() ? time.gmIdentity() : parentDataSet().grandmasterIdentity();
        return new HostPtpStatus(HostPtpRole.SLAVE, current, gm, Optional.of(time));
    }

    @Override
    public void close() {
    }
}
