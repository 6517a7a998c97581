package org.syncscope.pmc.internal;

import org.syncscope.api.ptp.HostPtpStatus;
import org.syncscope.api.ptp.PtpManagement;
import org.syncscope.api.ptp.PtpManagementException;

/**
 * What both ways of reaching ptp4l (its socket, or the pmc program) share: the host status decided
 * from one reading of all its data sets, read a second time (within the same timeout) when the
 * first contradicts itself.
 */
abstract class ManagementClient implements PtpManagement, AutoCloseable {

    /** "native /var/run/ptp4l" or "command /usr/sbin/pmc -s /var/run/ptp4l", for messages. */
    abstract String describe();

    /** The per-request timeout in ms. */
    abstract long timeoutMs();

    /** Every data set of {@link HostDataSets#ASKED} in one exchange, all of it done by {@code deadline}. */
    abstract HostDataSets readHostDataSets(long deadlineNanos) throws PtpManagementException;

    @Override
    public HostPtpStatus hostStatus() throws PtpManagementException {
        long deadline = System.nanoTime() + timeoutMs() * 1_000_000L;
        HostDataSets first = readHostDataSets(deadline);
        String why = HostRoleRule.contradiction(first);
        if (why.isEmpty()) {
            return HostRoleRule.status(first);
        }
        HostDataSets second = readHostDataSets(deadline);
        String again = HostRoleRule.contradiction(second);
        if (again.isEmpty()) {
            return HostRoleRule.status(second);
        }
        throw new PtpManagementException("ptp4l's data sets contradicted each other in two readings (" + why + "; "
                + again + "): its state is changing, ask again");
    }

    @Override
    public void close() {
    }
}
