package org.syncscope.api.ptp;

/** The host's place in the PTP hierarchy, decided as the site's existing tools decide it. */
public enum HostPtpRole {
    /** stepsRemoved is 0: the host is the grandmaster. */
    GRANDMASTER,
    /** stepsRemoved is at least 1: the host follows a grandmaster. */
    SLAVE
}
